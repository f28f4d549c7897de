package dev.paperledge.publish.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An earlier arXiv version of an episode, kept when a newer version replaced it: its objects (keys
 * per version, under the paper's own prefix) stay served at {@code /episodes/{slug}/v{N}/...}.
 */
@Entity
@Table(name = "episode_version")
public class EpisodeVersion extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "arxiv_id")
    public String arxivId;
    public int version;
    public int run;
    @Column(name = "audio_key")
    public String audioKey;
    @Column(name = "byte_size")
    public long byteSize;
    @Column(name = "duration_ms")
    public long durationMs;
    @Column(name = "mime_type")
    public String mimeType;
    @Column(name = "transcript_key")
    public String transcriptKey;
    @Column(name = "json_transcript_key")
    public String jsonTranscriptKey;
    @Column(name = "chapters_key")
    public String chaptersKey;
    @Column(name = "replaced_at")
    public Instant replacedAt;

    /** Keeps the episode's current production as an earlier version (the last run of that version wins). */
    public static void keep(Episode e, Instant replacedAt) {
        EpisodeVersion v = EpisodeVersion.<EpisodeVersion>find("arxivId = ?1 and version = ?2", e.arxivId, e.version)
                .firstResultOptional().orElseGet(EpisodeVersion::new);
        boolean fresh = v.id == null;
        v.arxivId = e.arxivId;
        v.version = e.version;
        v.run = e.run;
        v.audioKey = e.audioKey;
        v.byteSize = e.byteSize;
        v.durationMs = e.durationMs;
        v.mimeType = e.mimeType;
        v.transcriptKey = e.transcriptKey;
        v.jsonTranscriptKey = e.jsonTranscriptKey;
        v.chaptersKey = e.chaptersKey;
        v.replacedAt = replacedAt;
        if (fresh) {
            v.persist();
        }
    }

    /** The earlier versions of a paper, newest first. */
    public static List<EpisodeVersion> of(String arxivId) {
        return list("arxivId", Sort.descending("version"), arxivId);
    }

    public static Optional<EpisodeVersion> of(String arxivId, int version) {
        return find("arxivId = ?1 and version = ?2", arxivId, version).firstResultOptional();
    }
}
