package dev.paperledge.script.writer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.paperledge.contracts.PaperText;

/**
 * What a section of a paper is for, judged by its heading and, for headings that say nothing about
 * it ("Data Management", "Non-uniform Sampling"), by where it sits: the first body section opens the
 * problem, the last closes, the ones between carry the work.
 */
public enum SectionRole {
    ABSTRACT, SUMMARY, INTRODUCTION, BACKGROUND, RELATED, METHOD, RESULTS, DISCUSSION, CONCLUSION, BODY;

    static SectionRole ofHeading(String heading) {
        String h = heading == null ? "" : heading.toLowerCase(Locale.ROOT);
        if (h.matches("abstract")) {
            return ABSTRACT;
        }
        if (h.matches(".*(author summary|significance statement|plain language summary|lay summary|highlights).*")) {
            return SUMMARY;
        }
        if (h.matches(".*(introduction|motivation|overview).*")) {
            return INTRODUCTION;
        }
        if (h.matches(".*(related work|prior work|previous work|literature).*")) {
            return RELATED;
        }
        if (h.matches(".*(conclu|outlook|final remarks|closing remarks|future (work|directions)|summary of).*|summary\\b.*|.*\\bsummary")) {
            return CONCLUSION;
        }
        if (h.matches(".*(discussion|limitation|threats to validity|caveat|left out|open (questions|problems)|broader impact).*")) {
            return DISCUSSION;
        }
        if (h.matches(".*(result|experiment|evaluation|finding|performance|compar|benchmark|observation|measurement|case stud|application|example|empirical|validation|analysis of).*")) {
            return RESULTS;
        }
        if (h.matches(".*(method|approach|model|design|framework|algorithm|implementation|architecture|materials|setup|set-up|formulation|technique|procedure|protocol|construction|proposed|our |data|theory|derivation).*")) {
            return METHOD;
        }
        if (h.matches(".*(background|preliminar|notation|definitions).*")) {
            return BACKGROUND;
        }
        return BODY;
    }

    /** The role of each section, in order; a paper whose headings name no introduction gets its first body section as one. */
    static List<SectionRole> of(List<PaperText.Section> sections) {
        List<SectionRole> roles = new ArrayList<>();
        for (PaperText.Section s : sections) {
            roles.add(ofHeading(s.title()));
        }
        if (!roles.contains(INTRODUCTION)) {
            for (int i = 0; i < roles.size(); i++) {
                if (roles.get(i) == BODY) {
                    roles.set(i, INTRODUCTION);
                    break;
                }
            }
        }
        if (!roles.contains(CONCLUSION)) {
            for (int i = roles.size() - 1; i > 0; i--) {
                if (roles.get(i) == BODY) {
                    roles.set(i, CONCLUSION);
                    break;
                }
                if (roles.get(i) != ABSTRACT) {
                    break;
                }
            }
        }
        for (int i = 0; i < roles.size(); i++) {
            if (roles.get(i) == BODY) {
                roles.set(i, METHOD);
            }
        }
        return roles;
    }

    boolean body() {
        return this != ABSTRACT;
    }
}
