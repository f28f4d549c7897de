package dev.paperledge.audio.domain;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;

import dev.paperledge.stage.db.ProductionKey;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;

/** An episode's audio as produced for one (paper, version, run). */
@Entity
@IdClass(ProductionKey.class)
public class Audio extends PanacheEntityBase {
    @Id
    @Column(name = "arxiv_id")
    public String arxivId;
    @Id
    public int version;
    @Id
    public int run;
    @Column(name = "audio_key")
    public String audioKey;
    @Column(name = "chapters_key")
    public String chaptersKey;
    @Column(name = "transcript_key")
    public String transcriptKey;
    /** The Podcasting 2.0 JSON transcript ({@code transcript.json}), or null for productions made before it. */
    @Column(name = "json_transcript_key")
    public String jsonTranscriptKey;
    @Column(name = "duration_ms")
    public long durationMs;
    @Column(name = "byte_size")
    public long byteSize;
    @Column(name = "mime_type")
    public String mimeType;
    @Column(name = "speech_engine")
    public String speechEngine;
    @Column(name = "word_count")
    public int wordCount;
    @Column(name = "loudness_lufs")
    public double loudnessLufs;
    @Column(name = "true_peak_dbtp")
    public double truePeakDbtp;
    @Column(name = "render_ms")
    public long renderMs;
    @Column(name = "voiced_at")
    public Instant voicedAt;
    /** The listening check's full figures ({@code quality.json}), or null when the episode was not checked. */
    @Column(name = "quality_key")
    public String qualityKey;
    /** The listening check in brief (as in {@code audio.ready}), JSON; served as {@code listening}. */
    @JsonIgnore
    @Column(name = "listening_json")
    public String listeningJson;

    @JsonProperty("listening")
    @JsonRawValue
    public String listening() {
        return listeningJson;
    }

    public static Audio find(String arxivId, int version, int run) {
        return findById(new ProductionKey(arxivId, version, run));
    }
}
