package dev.paperledge.publish.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.publish.domain.Episode;
import dev.paperledge.publish.service.EpisodeService;
import dev.paperledge.publish.service.FeedService;
import dev.paperledge.stage.storage.ObjectStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

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

    /**
     * A Podcasting 2.0 JSON transcript as the audio stage writes it: four lines of two seconds, the
     * second and fourth taken from the paper (the fourth with markup and a link that is no link).
     */
    public static final String JSON_TRANSCRIPT = """
            {"version":"1.0.0","segments":[
             {"startTime":0,"endTime":2,"speaker":"Ernis","body":"Hey PaperLedge learning crew, Ernis here!"},
             {"startTime":2,"endTime":4,"speaker":"Ernis","body":"The authors report a 12.5% gain.",
              "source":{"section":"3 Method","paragraph":2,"text":"We observe a gain of 12.5% over the baseline.",
                        "url":"https://arxiv.org/html/1703.09824v1#S3"}},
             {"startTime":4,"endTime":6,"speaker":"Ada","body":"So what does that mean for us?"},
             {"startTime":6,"endTime":8,"speaker":"Ernis","body":"It means <em>less</em> & \\"more\\".",
              "source":{"section":"5 <b>Results</b>","text":"Table 2: <script>alert(1)</script> wins.",
                        "url":"javascript:alert(1)"}}
            ]}
            """;

    private final ObjectStore store;
    private final EpisodeService episodes;
    private final FeedService feeds;

    public TestData(ObjectStore store, EpisodeService episodes, FeedService feeds) {
        this.store = store;
        this.episodes = episodes;
        this.feeds = feeds;
    }

    public static PaperSummary paper(String id, String title, List<String> authors) {
        return new PaperSummary(title, authors, "We study " + title + ".", "cs.CL", "Computation and Language",
                LocalDate.of(2025, 3, 16), "https://arxiv.org/abs/" + id);
    }

    /** Writes MP3, transcript and chapters as the audio stage would and returns its AudioReady. */
    public AudioReady production(String id, int run, byte[] mp3, PaperSummary paper) {
        return production(id, run, mp3, paper, null, null);
    }

    /**
     * A production as the audio stage makes it now: also the JSON transcript (when not null) and the
     * listening check (when not null).
     */
    public AudioReady production(String id, int run, byte[] mp3, PaperSummary paper, String jsonTranscript,
            AudioReady.Listening listening) {
        return production(id, run, mp3, paper, jsonTranscript, listening, null, List.of());
    }

    /** A production in a format ({@code solo}, {@code duo}, or null as before formats) with who speaks in it. */
    public AudioReady production(String id, int run, byte[] mp3, PaperSummary paper, String jsonTranscript,
            AudioReady.Listening listening, String format, List<EpisodeScript.Host> hosts) {
        return production(id, 1, run, mp3, paper, jsonTranscript, listening, format, hosts);
    }

    /** A production of one arXiv version of the paper (its objects under {@code audio/<id>/v<version>/}). */
    public AudioReady production(String id, int version, int run, byte[] mp3, PaperSummary paper) {
        return production(id, version, run, mp3, paper, null, null, null, List.of());
    }

    private AudioReady production(String id, int version, int run, byte[] mp3, PaperSummary paper,
            String jsonTranscript, AudioReady.Listening listening, String format, List<EpisodeScript.Host> hosts) {
        String audioKey = ObjectKeys.audio(id, version, run, "episode.mp3");
        String vttKey = ObjectKeys.audio(id, version, run, "transcript.vtt");
        String chaptersKey = ObjectKeys.audio(id, version, run, "chapters.json");
        store.put(audioKey, mp3, "audio/mpeg", Map.of());
        store.put(vttKey, VTT.getBytes(StandardCharsets.UTF_8), "text/vtt", Map.of());
        store.put(chaptersKey, CHAPTERS.getBytes(StandardCharsets.UTF_8), "application/json+chapters", Map.of());
        String jsonKey = null;
        if (jsonTranscript != null) {
            jsonKey = ObjectKeys.audio(id, version, run, "transcript.json");
            store.put(jsonKey, jsonTranscript.getBytes(StandardCharsets.UTF_8), "application/json", Map.of());
        }
        return new AudioReady(id, version, run, paper, paper.episodeTitle(), "A gentle summary of " + paper.title() + ".",
                audioKey, 3000, mp3.length, "audio/mpeg", chaptersKey, vttKey, "test-sine", Instant.now(),
                listening == null ? null : ObjectKeys.audio(id, version, run, "quality.json"), listening, jsonKey, format,
                hosts);
    }

    /** A paper listed in {@code categories} (the first is primary, named {@code categoryName}). */
    public static PaperSummary paper(String id, String title, String abstractText, String categoryName,
            List<String> categories) {
        return new PaperSummary(title, List.of("Ada Lovelace"), abstractText, categories.get(0), categoryName,
                LocalDate.of(2025, 3, 16), "https://arxiv.org/abs/" + id, categories);
    }

    /** Ernis and Sam, as the audio stage names a duo episode's speakers. */
    public static final List<EpisodeScript.Host> DUO = List.of(new EpisodeScript.Host("Ernis", EpisodeScript.Host.HOST),
            new EpisodeScript.Host("Sam", EpisodeScript.Host.COHOST));
    public static final List<EpisodeScript.Host> SOLO = List.of(new EpisodeScript.Host("Ernis", EpisodeScript.Host.HOST));

    /**
     * A duo episode's JSON transcript as the audio stage writes it: the two speakers alternate, Ernis
     * twice in a row once (the speaker is shown where it changes).
     */
    public static final String DUO_TRANSCRIPT = """
            {"version":"1.0.0","segments":[
             {"startTime":0,"endTime":2,"speaker":"Ernis","body":"Hey PaperLedge learning crew, Ernis here, with Sam."},
             {"startTime":2,"endTime":4,"speaker":"Sam","body":"So what problem does this paper take on?"},
             {"startTime":4,"endTime":6,"speaker":"Ernis","body":"Picture a library with no catalogue."},
             {"startTime":6,"endTime":8,"speaker":"Ernis","body":"The authors build the catalogue."},
             {"startTime":8,"endTime":10,"speaker":"Sam","body":"And does it hold up?"}
            ]}
            """;

    /** A listening check of three sections: green, amber after a second take, and one with markup in its title. */
    public static AudioReady.Listening listening() {
        return new AudioReady.Listening("pocketsphinx 5 en-us", true, 0.183, 0.152, List.of(
                new AudioReady.SectionCheck("Hook", "green", 0.12, 0.11, 420, false, List.of()),
                new AudioReady.SectionCheck("3 Method", "amber", 0.264, 0.2, 1850, true, List.of("wer")),
                new AudioReady.SectionCheck("<i>Wrap</i> up", "red", 0.51, null, 2300, false,
                        List.of("silence", "rate"))));
    }

    /** Publishes directly through the services (no Kafka), as the stage does: record, then rebuild the feed. */
    public Episode publish(AudioReady evt) {
        episodes.publish(evt);
        feeds.rebuild();
        return episodes.find(evt.arxivId()).orElseThrow();
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
