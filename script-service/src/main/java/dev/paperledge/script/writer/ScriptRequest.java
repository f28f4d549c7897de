package dev.paperledge.script.writer;

import java.util.ArrayList;
import java.util.List;

import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.contracts.PaperText;

/**
 * What a writer works from: the paper's facts and its text, and the show to write for. When ingest
 * could only get the abstract (source {@code ABSTRACT}) or no text at all, the abstract from the
 * summary is the text.
 */
public record ScriptRequest(String arxivId, int version, PaperSummary paper, PaperText text, Show show) {

    /** A request for the solo show with its usual host. */
    public ScriptRequest(String arxivId, int version, PaperSummary paper, PaperText text) {
        this(arxivId, version, paper, text, Show.SOLO);
    }

    public ScriptRequest {
        show = show == null ? Show.SOLO : show;
        if (text == null || text.sections().stream().allMatch(s -> s.text() == null || s.text().isBlank())) {
            String abs = paper.abstractText() == null ? "" : paper.abstractText();
            text = new PaperText(arxivId, version, "ABSTRACT", List.of(new PaperText.Section("Abstract", abs)));
        }
    }

    /** Sections worth reading for a script: no references, acknowledgements or appendices. */
    public List<PaperText.Section> readableSections() {
        List<PaperText.Section> out = new ArrayList<>();
        boolean abstractSeen = false;
        for (PaperText.Section s : text.sections()) {
            String t = s.title() == null ? "" : s.title().toLowerCase(java.util.Locale.ROOT);
            if (t.matches(".*(reference|bibliograph|acknowledg|appendix|supplementary|checklist).*")) {
                continue;
            }
            abstractSeen |= t.contains("abstract");
            if (s.text() != null && !s.text().isBlank()) {
                out.add(s);
            }
        }
        if (!abstractSeen && paper.abstractText() != null && !paper.abstractText().isBlank()
                && !text.fullText().contains(paper.abstractText().strip())) {
            out.add(0, new PaperText.Section("Abstract", paper.abstractText()));
        }
        return out;
    }

    /** Everything grounding may search: title, abstract and all section texts. */
    public String groundingText() {
        return paper.title() + "\n\n" + (paper.abstractText() == null ? "" : paper.abstractText()) + "\n\n"
                + text.fullText();
    }

    public boolean abstractOnly() {
        return "ABSTRACT".equalsIgnoreCase(text.source());
    }
}
