package dev.paperledge.ingest.status;

import java.time.Instant;

import org.jboss.logging.Logger;

import dev.paperledge.contracts.PipelineEvent;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.ingest.domain.Paper;
import dev.paperledge.ingest.domain.PaperStatus;
import dev.paperledge.ingest.domain.ProcessedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Applies the pipeline's events to the papers' status. Idempotent (each event id once) and
 * monotonic within a run: a late event never moves a paper backwards, and events of an older run
 * (before a forced re-production) are ignored. Events about papers this service never took in
 * (another installation's, another test's) are ignored too.
 */
@ApplicationScoped
public class StatusProjection {
    private static final Logger LOG = Logger.getLogger(StatusProjection.class);

    /** What applying an event did. */
    public enum Outcome {
        APPLIED, DUPLICATE, UNKNOWN_PAPER, OTHER_RUN, STALE
    }

    /** A stage succeeded (ScriptReady, AudioReady, EpisodePublished). */
    @Transactional
    public Outcome succeeded(PipelineEvent event, String detail) {
        if (!firstTime(event.eventId())) {
            return Outcome.DUPLICATE;
        }
        Paper p = Paper.findById(event.arxivId(), LockModeType.PESSIMISTIC_WRITE);
        Outcome pre = precheck(p, event);
        if (pre != null) {
            return pre;
        }
        PaperStatus target = PaperStatus.afterSuccessOf(event.stage());
        if (p.status == PaperStatus.FAILED) {
            // A retry of the failed stage (or a later one) succeeded: the failure is over.
            if (p.failedStage != null && event.stage().ordinal() < p.failedStage.ordinal()) {
                return Outcome.STALE;
            }
            p.clearFailure();
        } else if (target.rank() <= p.status.rank()) {
            return Outcome.STALE;
        }
        p.transition(target, event.stage(), detail);
        return Outcome.APPLIED;
    }

    /** A stage gave up (StageFailed). */
    @Transactional
    public Outcome failed(StageFailed event) {
        if (!firstTime(event.eventId())) {
            return Outcome.DUPLICATE;
        }
        Paper p = Paper.findById(event.arxivId(), LockModeType.PESSIMISTIC_WRITE);
        Outcome pre = precheck(p, event);
        if (pre != null) {
            return pre;
        }
        if (p.status == PaperStatus.FAILED) {
            boolean same = event.failedStage() == p.failedStage && event.reason() != null
                    && event.reason().equals(p.failureReason) && event.attempt() <= p.attempt;
            if (same || (p.failedStage != null && event.failedStage().ordinal() < p.failedStage.ordinal())) {
                return Outcome.STALE;
            }
        } else if (PaperStatus.afterSuccessOf(event.failedStage()).rank() <= p.status.rank()) {
            return Outcome.STALE; // that stage has succeeded since (e.g. a retry)
        }
        p.failedStage = event.failedStage();
        p.failureReason = event.reason();
        p.failureRetryable = event.retryable();
        p.attempt = Math.max(p.attempt, event.attempt());
        p.transition(PaperStatus.FAILED, event.failedStage(), event.reason());
        return Outcome.APPLIED;
    }

    private static Outcome precheck(Paper p, PipelineEvent event) {
        if (p == null) {
            LOG.debugf("status: ignoring %s for unknown paper %s", event.eventType(), event.arxivId());
            return Outcome.UNKNOWN_PAPER;
        }
        if (event.run() != p.run) {
            LOG.debugf("status: ignoring %s of run %d for %s (current run %d)", event.eventType(), event.run(),
                    event.arxivId(), p.run);
            return Outcome.OTHER_RUN;
        }
        return null;
    }

    private static boolean firstTime(String eventId) {
        if (ProcessedEvent.findById(eventId) != null) {
            return false;
        }
        ProcessedEvent e = new ProcessedEvent();
        e.eventId = eventId;
        e.processedAt = Instant.now();
        e.persist();
        return true;
    }
}
