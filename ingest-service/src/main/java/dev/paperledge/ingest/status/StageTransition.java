package dev.paperledge.ingest.status;

import java.time.Instant;
import java.util.List;

import dev.paperledge.contracts.Stage;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of a paper's stage timeline: a status it reached, when, in which run. */
@Entity
@Table(name = "stage_transition")
public class StageTransition extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "arxiv_id")
    public String arxivId;

    public int run;

    @Enumerated(EnumType.STRING)
    public PaperStatus status;

    @Enumerated(EnumType.STRING)
    public Stage stage;

    public String detail;

    public Instant at;

    public static List<StageTransition> timeline(String arxivId) {
        return list("arxivId = ?1 order by id", arxivId);
    }
}
