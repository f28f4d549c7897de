package dev.paperledge.publish.support;

import java.time.Instant;
import java.util.List;

import dev.paperledge.testkit.TestIds;
import dev.paperledge.publish.domain.Episode;
import dev.paperledge.publish.service.EpisodeService;

/** Episodes for tests and benchmarks (not persisted unless the caller does). */
public final class Episodes {
    private Episodes() {
    }

    public static Episode episode(String arxivId, int number, Instant publishedAt, String title, List<String> authors) {
        Episode e = new Episode();
        e.arxivId = arxivId;
        e.guid = EpisodeService.guidFor(arxivId);
        e.slug = EpisodeService.slugFor(arxivId);
        e.episodeNumber = number;
        e.version = 1;
        e.run = 1;
        e.title = "Computation and Language - " + title;
        e.paperTitle = title;
        e.description = "A plain-language summary of " + title + ".";
        e.authors = String.join("\n", authors);
        e.categoryName = "Computation and Language";
        e.absUrl = "https://arxiv.org/abs/" + arxivId;
        e.audioKey = "audio/" + e.slug + "/v1/r1/episode.mp3";
        e.byteSize = 1_000_000L + number;
        e.durationMs = 600_000L + number * 1000L;
        e.mimeType = "audio/mpeg";
        e.chaptersKey = "audio/" + e.slug + "/v1/r1/chapters.json";
        e.transcriptKey = "audio/" + e.slug + "/v1/r1/transcript.vtt";
        e.speechEngine = "test";
        e.publishedAt = publishedAt;
        e.updatedAt = publishedAt;
        return e;
    }

    /** A fresh new-style ID, never issued before in this test JVM. */
    public static String randomId() {
        return TestIds.fresh("25");
    }
}
