package dev.paperledge.script.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/**
 * One production of a script for one paper version (natural key: arXiv ID, version, run). The input
 * event it was produced from is the stage kit's input log ({@code stage_input}).
 */
@Entity
public class Script extends PanacheEntityBase {
    public enum Status {
        WRITING, IN_REVIEW, READY, FAILED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "arxiv_id")
    public String arxivId;
    public int version;
    public int run;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String writer;
    @Column(name = "fallback_reason")
    public String fallbackReason;
    @Column(name = "word_count")
    public Integer wordCount;
    @Column(name = "episode_title")
    public String episodeTitle;
    public String description;
    @Column(name = "script_key")
    public String scriptKey;
    @Column(name = "markdown_key")
    public String markdownKey;
    @Column(name = "grounding_key")
    public String groundingKey;
    @Column(name = "quotes_checked")
    public Integer quotesChecked;
    @Column(name = "numbers_checked")
    public Integer numbersChecked;
    @Column(name = "dropped_claims")
    public Integer droppedClaims;
    public Boolean grounded;
    @Column(name = "failure_reason")
    public String failureReason;
    public boolean edited;
    /** The script's explanation figures ({@code ScriptReady.Explanation} as JSON), or null. */
    @Column(name = "explanation_json")
    public String explanationJson;
    public int attempts;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "approved_at")
    public Instant approvedAt;

    public static Optional<Script> byNaturalKey(String arxivId, int version, int run) {
        return find("arxivId = ?1 and version = ?2 and run = ?3", arxivId, version, run).firstResultOptional();
    }

    public static List<Script> forPaper(String arxivId) {
        return list("arxivId = ?1 order by version desc, run desc", arxivId);
    }

    public static Optional<Script> latest(String arxivId) {
        return find("arxivId = ?1 order by version desc, run desc", arxivId).firstResultOptional();
    }
}
