package dev.paperledge.publish.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.publish.domain.Episode;
import dev.paperledge.publish.service.EpisodeService;
import dev.paperledge.publish.service.FeedService;
import dev.paperledge.publish.storage.ObjectStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Puts productions in the real test object store and episodes in the real test database. */
@ApplicationScoped
public class TestData {
    public static final String VTT = """
            WEBVTT

            00:00:00.000 --> 00:00:01.500
            Hey PaperLedge learning crew, Ernis here!

            00:00:01.500 --> 00:00:03.000
            Today: a paper about &lt;small&gt; &amp; "big" ideas.
            """;
    public static final String CHAPTERS = """
            {"version":"1.2.0","chapters":[{"startTime":0,"title":"Hook"},{"startTime":1.5,"title":"Analogy"}]}
            """;

    @Inject
    ObjectStore store;
    @Inject
    EpisodeService episodes;
    @Inject
    FeedService feeds;

    public static PaperSummary paper(String id, String title, List<String> authors) {
        return new PaperSummary(title, authors, "We study " + title + ".", "cs.CL", "Computation and Language",
                LocalDate.of(2025, 3, 16), "https://arxiv.org/abs/" + id);
    }

    /** Writes MP3, transcript and chapters as the audio stage would and returns its AudioReady. */
    public AudioReady production(String id, int run, byte[] mp3, PaperSummary paper) {
        String audioKey = ObjectKeys.audio(id, 1, run, "episode.mp3");
        String vttKey = ObjectKeys.audio(id, 1, run, "transcript.vtt");
        String chaptersKey = ObjectKeys.audio(id, 1, run, "chapters.json");
        store.put(audioKey, mp3, "audio/mpeg", Map.of());
        store.put(vttKey, VTT.getBytes(StandardCharsets.UTF_8), "text/vtt", Map.of());
        store.put(chaptersKey, CHAPTERS.getBytes(StandardCharsets.UTF_8), "application/json+chapters", Map.of());
        return new AudioReady(id, 1, run, paper, paper.episodeTitle(), "A gentle summary of " + paper.title() + ".",
                audioKey, 3000, mp3.length, "audio/mpeg", chaptersKey, vttKey, "test-sine", Instant.now());
    }

    /** Publishes directly through the service (no Kafka), as the consumer would. */
    public Episode publish(AudioReady evt) {
        return episodes.publish(evt).episode();
    }

    /** Many episodes at once, straight into the table (numbers taken under the feed lock). */
    public void insert(List<Episode> list) {
        QuarkusTransaction.requiringNew().run(() -> {
            feeds.lock();
            int next = Episode.nextEpisodeNumber();
            for (Episode e : list) {
                e.episodeNumber = next++;
                e.persist();
            }
        });
        feeds.rebuild();
    }

    public void remove(List<String> ids) {
        QuarkusTransaction.requiringNew().run(() -> {
            feeds.lock();
            Episode.delete("arxivId in ?1", ids);
        });
        feeds.rebuild();
    }

    public void removeEpisode(String id) {
        episodes.remove(id);
    }

    public void deleteAudio(AudioReady evt) {
        store.remove(evt.audioKey());
    }

    public void putAudio(AudioReady evt, byte[] mp3) {
        store.put(evt.audioKey(), mp3, "audio/mpeg", Map.of());
    }

    public static String now() {
        return Instant.now().toString();
    }
}
