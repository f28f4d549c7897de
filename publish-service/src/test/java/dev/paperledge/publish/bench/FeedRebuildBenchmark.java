package dev.paperledge.publish.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.paperledge.publish.domain.Episode;
import dev.paperledge.publish.feed.FeedBuilder;
import dev.paperledge.publish.feed.ShowSettings;
import dev.paperledge.publish.service.FeedService;
import dev.paperledge.publish.support.Episodes;

/**
 * Feed rebuild time against episode count: builds the RSS document (ROME, iTunes, Podcasting 2.0)
 * and hashes it for the ETag, as a rebuild does, from episodes held in memory. Not a test; see the
 * module README. Args: episode counts (default 10 1000 10000).
 */
public final class FeedRebuildBenchmark {
    public static void main(String[] args) {
        int[] counts = args.length == 0 ? new int[] { 10, 1_000, 10_000 }
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        ShowSettings show = new ShowSettings("PaperLedge", "Research papers, told as stories.", "PaperLedge",
                "PaperLedge", "owner@paperledge.example", "Ernis", "en", "Science", null, false, true,
                "http://localhost:8080");
        FeedBuilder builder = new FeedBuilder(show);
        System.out.printf("%-9s %-9s %-12s %-12s %-12s%n", "episodes", "runs", "median ms", "min ms", "feed bytes");
        for (int n : counts) {
            List<Episode> episodes = new ArrayList<>(n);
            Instant t0 = Instant.parse("2020-01-01T00:00:00Z");
            for (int i = 1; i <= n; i++) {
                Episode e = Episodes.episode(String.format("bench/%06d", i), i, t0.plusSeconds(3600L * i),
                        "A paper about things & <stuff> number " + i,
                        List.of("Ada Lovelace", "Zalán Borsos", "Émilie du Châtelet", "Alan Turing"));
                e.description = "A plain-language summary, two or three sentences long, of what the paper did, "
                        + "what it found and why it matters to listeners of all kinds. Episode " + i + ".";
                episodes.add(e);
            }
            int warmup = n >= 10_000 ? 2 : 5;
            int runs = n >= 10_000 ? 5 : n >= 1_000 ? 10 : 50;
            int size = 0;
            for (int i = 0; i < warmup; i++) {
                size = builder.build(episodes).length;
            }
            long[] times = new long[runs];
            for (int i = 0; i < runs; i++) {
                long s = System.nanoTime();
                byte[] xml = builder.build(episodes);
                FeedService.revisionOf(xml);
                times[i] = System.nanoTime() - s;
            }
            Arrays.sort(times);
            System.out.printf("%-9d %-9d %-12.1f %-12.1f %-12d%n", n, runs, times[runs / 2] / 1e6, times[0] / 1e6, size);
        }
    }
}
