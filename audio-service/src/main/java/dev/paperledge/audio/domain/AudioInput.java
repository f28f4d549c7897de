package dev.paperledge.audio.domain;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** The ScriptReady event (JSON) a production started from: what a retry reruns. */
@Entity
@Table(name = "audio_input")
@IdClass(Audio.Key.class)
public class AudioInput extends PanacheEntityBase {
    @Id
    @Column(name = "arxiv_id")
    public String arxivId;
    @Id
    public int version;
    @Id
    public int run;
    @Column(name = "event_json")
    public String eventJson;
    @Column(name = "received_at")
    public Instant receivedAt;

    public static AudioInput find(String arxivId, int version, int run) {
        return findById(new Audio.Key(arxivId, version, run));
    }
}
