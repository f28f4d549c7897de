package dev.paperledge.ingest.service;

import java.time.Instant;
import java.util.Objects;

import dev.paperledge.ingest.arxiv.ArxivId;
import dev.paperledge.ingest.domain.Paper;
import dev.paperledge.ingest.status.StatusProjection;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/**
 * Records submissions. The paper's row is committed before the caller answers 202: from then on the
 * ingest worker (and, for its event, the re-publisher) will see it through, whatever else is down.
 */
@ApplicationScoped
public class IntakeService {

    /**
     * The paper and whether this submission started a production (new paper, new version or forced);
     * {@code refused}: why it was not taken (another format than the paper's production, without force).
     */
    public record Submission(Paper paper, boolean newProduction, String refused) {
        static Submission existing(Paper p) {
            return new Submission(p, false, null);
        }

        static Submission started(Paper p) {
            return new Submission(p, true, null);
        }
    }

    private final StatusProjection status;
    private final ShowFormats formats;

    public IntakeService(StatusProjection status, ShowFormats formats) {
        this.status = status;
        this.formats = formats;
    }

    /**
     * Records a submission in {@code format} ({@code solo}/{@code duo}; null: not named, so a new paper
     * gets the configured default and a known one keeps its production's format).
     */
    public Submission submit(ArxivId id, boolean force, String format) {
        return submit(id, force, format, null);
    }

    /**
     * As {@link #submit(ArxivId, boolean, String)}; {@code origin}, when not null, names who submitted
     * (e.g. {@code subscription nlp}) on the timeline. One transaction (the caller's, if it has one):
     * the row is committed when this returns outside one.
     */
    public Submission submit(ArxivId id, boolean force, String format, String origin) {
        return QuarkusTransaction.joiningExisting().call(() -> record(id, force, format, origin));
    }

    private Submission record(ArxivId id, boolean force, String format, String origin) {
        String by = origin == null ? "" : " by " + origin;
        Paper p = Paper.findById(id.id(), LockModeType.PESSIMISTIC_WRITE);
        if (p == null) {
            p = new Paper();
            p.arxivId = id.id();
            p.requestedVersion = id.version();
            p.format = format == null ? formats.defaultFormat() : format;
            p.run = 1;
            p.attempt = 1;
            p.createdAt = Instant.now();
            p.updatedAt = p.createdAt;
            p.runStartedAt = p.createdAt;
            p.persist();
            status.runStarted(p.arxivId, p.run, p.runStartedAt, "submitted as " + p.format + by);
            return Submission.started(p);
        }
        boolean newVersion = id.version() != null && (p.version == null
                ? !Objects.equals(id.version(), p.requestedVersion)
                : id.version() > p.version);
        boolean otherFormat = format != null && !format.equals(p.format);
        if (!force && !newVersion) {
            return otherFormat ? new Submission(p, false, "paper " + p.arxivId + " is produced as " + p.format
                    + " (run " + p.run + "); to re-produce it as " + format + ", submit it again with ?force=true")
                    : Submission.existing(p);
        }
        p.run++;
        if (format != null) {
            p.format = format;
        }
        p.requestedVersion = id.version();
        p.attempt = 1;
        p.resetIngest();
        p.runStartedAt = Instant.now();
        p.updatedAt = p.runStartedAt;
        status.runStarted(p.arxivId, p.run, p.runStartedAt,
                (newVersion ? "new version v" + id.version() : "forced re-production") + ", run " + p.run + " as "
                        + p.format + by);
        return Submission.started(p);
    }
}
