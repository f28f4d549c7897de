package dev.paperledge.script.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.contracts.PaperText;
import dev.paperledge.script.writer.Fixtures;
import dev.paperledge.script.writer.OfflineScriptWriter;
import dev.paperledge.script.writer.ScriptRequest;

/**
 * Offline writing time against paper length. Not a timed test: excluded from the normal build
 * (tag "benchmark"); run it with
 * {@code ./mvnw -f script-service/pom.xml test -Dtest=OfflineWriterBenchmark -Dbenchmark.excluded=none}.
 * Papers are built from the fixture abstracts' sentences, repeated with varied numbers, so the text
 * looks like prose to the splitter and ranker.
 */
@Tag("benchmark")
class OfflineWriterBenchmark {

    @Test
    void offlineWritingTimeAgainstPaperLength() throws Exception {
        List<Fixtures.Paper> papers = Fixtures.all();
        List<String> pool = new ArrayList<>();
        for (Fixtures.Paper p : papers) {
            for (String s : p.summary().abstractText().split("(?<=\\.) ")) {
                pool.add(s);
            }
        }
        OfflineScriptWriter writer = new OfflineScriptWriter(600);
        PaperSummary base = papers.get(0).summary();
        System.out.println("words_in_paper,sections,median_ms,max_ms,script_words");
        for (int words : new int[] { 200, 1_000, 5_000, 10_000, 25_000, 50_000, 100_000 }) {
            ScriptRequest req = paper(base, pool, words);
            long[] times = new long[5];
            int scriptWords = 0;
            for (int i = 0; i < times.length + 2; i++) {
                long t0 = System.nanoTime();
                scriptWords = writer.write(req).script().wordCount();
                if (i >= 2) { // two warm-up rounds
                    times[i - 2] = (System.nanoTime() - t0) / 1_000_000;
                }
            }
            java.util.Arrays.sort(times);
            System.out.printf("%d,%d,%d,%d,%d%n", words, req.text().sections().size(), times[2], times[4], scriptWords);
        }
    }

    private static ScriptRequest paper(PaperSummary base, List<String> pool, int words) {
        SplittableRandom r = new SplittableRandom(words);
        List<PaperText.Section> sections = new ArrayList<>();
        sections.add(new PaperText.Section("Abstract", base.abstractText()));
        String[] heads = { "Introduction", "Method", "Experiments", "Results", "Discussion", "Conclusion" };
        int total = 0;
        int s = 0;
        while (total < words) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 40 && total < words; i++) {
                String sentence = pool.get(r.nextInt(pool.size())).replaceAll("\\d+", String.valueOf(r.nextInt(1000)));
                sb.append(sentence).append(' ');
                total += sentence.split("\\s+").length;
            }
            sections.add(new PaperText.Section(heads[s++ % heads.length], sb.toString()));
        }
        return new ScriptRequest("2401.99999", 1, base, new PaperText("2401.99999", 1, "HTML", sections));
    }
}
