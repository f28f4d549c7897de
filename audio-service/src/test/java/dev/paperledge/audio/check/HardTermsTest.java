package dev.paperledge.audio.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.paperledge.audio.speech.FliteEngine;
import dev.paperledge.audio.speech.PronunciationLexicon;
import dev.paperledge.audio.speech.TextNormalizer;

/**
 * The pronunciation lexicon, verified by ear: flite says each hard term in a carrier sentence, with
 * the lexicon and without, and pocketsphinx listens. Judged against the lexicon's spoken form (how
 * the term should sound), the renderings with the lexicon are heard with fewer word errors. The
 * recogniser's small vocabulary and language model make it a strict ear for isolated names: it
 * hears few of them exactly either way (the figures are printed).
 */
class HardTermsTest {
    static final List<String> TERMS = List.of("LoRA", "QLoRA", "arXiv", "LaTeX", "GPT", "BERT", "RoBERTa", "PyTorch",
            "GitHub", "NeurIPS", "SQL", "JSON", "SOTA", "IEEE", "BLEU", "ALBERT");

    @Test
    void theRecogniserHearsTheLexiconsSpokenFormOfHardTerms() {
        Path model = Path.of("/usr/share/pocketsphinx/model/en-us");
        if (!"true".equals(System.getenv("PAPERLEDGE_FLITE_REQUIRED"))) {
            Assumptions.assumeTrue(FliteEngine.available("flite"), "flite is not installed");
            Assumptions.assumeTrue(PocketsphinxRecognizer.available(PocketsphinxRecognizer.BINARY, model),
                    "pocketsphinx is not installed");
        }
        FliteEngine flite = new FliteEngine("flite", "rms", 60);
        PocketsphinxRecognizer ear = new PocketsphinxRecognizer(PocketsphinxRecognizer.BINARY, model, Duration.ofSeconds(60));
        TextNormalizer withLexicon = new TextNormalizer();
        TextNormalizer without = new TextNormalizer(PronunciationLexicon.of(Map.of()));
        PronunciationLexicon lexicon = PronunciationLexicon.defaults();
        // Errors counted against the lexicon's spoken form: how each term should sound.

        Map<String, Integer> errorsWith = new ConcurrentHashMap<>();
        Map<String, Integer> errorsWithout = new ConcurrentHashMap<>();
        Map<String, Boolean> exact = new ConcurrentHashMap<>();
        TERMS.parallelStream().forEach(term -> {
            String sentence = "Today we talk about " + term + " in this paper.";
            List<String> meant = WordErrors.words(withLexicon.normalize(sentence));
            List<String> a = ear.recognize(flite.synthesize(withLexicon.normalize(sentence)));
            List<String> b = ear.recognize(flite.synthesize(without.normalize(sentence)));
            errorsWith.put(term, WordErrors.distance(meant, a));
            errorsWithout.put(term, WordErrors.distance(meant, b));
            exact.put(term, containsInOrder(a, WordErrors.words(lexicon.entries().get(term))));
            System.out.printf("%-8s -> %-16s with the lexicon heard \"%s\" | without \"%s\"%n", term,
                    lexicon.entries().get(term), String.join(" ", a), String.join(" ", b));
        });
        int with = errorsWith.values().stream().mapToInt(Integer::intValue).sum();
        int withoutErrors = errorsWithout.values().stream().mapToInt(Integer::intValue).sum();
        long heardExactly = exact.values().stream().filter(v -> v).count();
        System.out.printf("hard terms: %d word errors with the lexicon, %d without; %d of %d terms heard exactly%n",
                with, withoutErrors, heardExactly, TERMS.size());
        assertThat(with).isLessThan(withoutErrors);
        assertThat(heardExactly).isGreaterThanOrEqualTo(2);
    }

    static boolean containsInOrder(List<String> heard, List<String> words) {
        for (int i = 0; i + words.size() <= heard.size(); i++) {
            if (heard.subList(i, i + words.size()).equals(words)) {
                return true;
            }
        }
        return false;
    }
}
