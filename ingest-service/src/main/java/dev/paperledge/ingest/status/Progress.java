package dev.paperledge.ingest.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonRawValue;

import dev.paperledge.contracts.Stage;

/**
 * Derives a paper's status and per-stage view from its stage rows: a pure function, so the result
 * depends only on what is known, never on the order it became known.
 * <ul>
 * <li>A stage is done when it succeeded or any later stage did (a later success implies it).</li>
 * <li>A failure is current while its stage is not done and no later attempt was started; a dead
 * letter counts as a failure of the first attempt (a retry reruns from the input the stage recorded,
 * or from the dead-lettered record when it recorded none).</li>
 * <li>The furthest current failure beyond the furthest done stage makes the paper FAILED there;
 * otherwise the paper is at the status its furthest done stage gives.</li>
 * </ul>
 */
public final class Progress {
    private static final Stage[] STAGES = Stage.values();

    private Progress() {
    }

    /** The paper-level outcome. {@code attempt}: the highest attempt any stage of the run reached. */
    public record Derived(PaperStatus status, Stage currentStage, Stage failedStage, String reason,
            Boolean retryable, int attempt) {
    }

    /**
     * One stage as the dashboard and API show it. {@code listening}: the audio stage's listening
     * check per section (audio.ready's figures, as JSON), once the episode is rendered.
     * {@code explanation}: the script stage's recital, repeats, sections used and terms explained.
     */
    public record StageView(Stage stage, String state, int attempt, Instant startedAt, Instant finishedAt,
            Long durationMs, String failureReason, String lastError, Instant nextAttemptAt, String deadLetterTopic,
            @JsonRawValue String listening, @JsonRawValue String explanation) {
    }

    /**
     * @param rows         the run's stage rows (any subset)
     * @param ingestAcked  the broker acknowledged this run's PaperIngested (ingest done even without a row)
     */
    public static Derived derive(List<StageProgress> rows, boolean ingestAcked) {
        Map<Stage, StageProgress> by = index(rows);
        boolean[] done = done(by, ingestAcked);
        int k = -1;
        for (int i = 0; i < STAGES.length; i++) {
            if (done[i]) {
                k = i;
            }
        }
        int f = -1;
        for (int i = 0; i < STAGES.length; i++) {
            if (!done[i] && failureCurrent(by.get(STAGES[i]))) {
                f = i;
            }
        }
        if (f > k) {
            StageProgress r = by.get(STAGES[f]);
            boolean fromEvent = eventFailureCurrent(r);
            String reason = fromEvent ? r.failureReason
                    : "dead-lettered by the " + STAGES[f].id() + " stage's consumer" + (r.deadLetterReason == null ? ""
                            : ": " + r.deadLetterReason);
            Boolean retryable = fromEvent ? r.failureRetryable : Boolean.TRUE;
            return new Derived(PaperStatus.FAILED, STAGES[f], STAGES[f], reason, retryable, maxAttempt(rows));
        }
        if (k == STAGES.length - 1) {
            return new Derived(PaperStatus.PUBLISHED, null, null, null, null, maxAttempt(rows));
        }
        Stage current = STAGES[k + 1];
        PaperStatus status = k < 0 ? PaperStatus.REQUESTED : PaperStatus.afterSuccessOf(STAGES[k]);
        return new Derived(status, current, null, null, null, maxAttempt(rows));
    }

    /** Per-stage timing: a stage starts when the previous one finished (ingest: when the run was requested). */
    public static List<StageView> stages(List<StageProgress> rows, boolean ingestAcked, Instant runStartedAt,
            Instant ingestAckedAt) {
        Map<Stage, StageProgress> by = index(rows);
        boolean[] done = done(by, ingestAcked);
        Derived d = derive(rows, ingestAcked);
        List<StageView> out = new ArrayList<>();
        Instant start = runStartedAt;
        for (int i = 0; i < STAGES.length; i++) {
            Stage s = STAGES[i];
            StageProgress r = by.get(s);
            Instant finished = r == null ? null : r.succeededAt;
            if (finished == null && s == Stage.INGEST && ingestAcked) {
                finished = ingestAckedAt;
            }
            String state;
            String failure = null;
            if (done[i]) {
                state = "done";
            } else if (d.failedStage() == s) {
                state = "failed";
                failure = d.reason();
                finished = eventFailureCurrent(r) ? r.failedAt : r.deadLetteredAt;
            } else if (d.status() != PaperStatus.FAILED && d.currentStage() == s) {
                state = r != null && r.nextAttemptAt != null ? "retrying" : "running";
            } else {
                state = "waiting";
            }
            boolean started = !state.equals("waiting");
            Instant startedAt = started ? start : null;
            Long ms = startedAt != null && finished != null ? Duration.between(startedAt, finished).toMillis() : null;
            out.add(new StageView(s, state, attemptOf(r), startedAt, state.equals("running")
                    || state.equals("retrying") ? null : finished, ms, failure, r == null ? null : r.lastError,
                    r == null ? null : r.nextAttemptAt, r == null ? null : r.deadLetterTopic,
                    r == null ? null : r.listeningJson, r == null ? null : r.explanationJson));
            start = done[i] ? finished : null;
        }
        return out;
    }

    static boolean failureCurrent(StageProgress r) {
        return eventFailureCurrent(r) || (r != null && r.deadLetteredAt != null && r.attempt <= 1);
    }

    private static boolean eventFailureCurrent(StageProgress r) {
        return r != null && r.failedAttempt != null && r.failedAttempt >= r.attempt;
    }

    private static int maxAttempt(List<StageProgress> rows) {
        int max = 1;
        for (StageProgress r : rows) {
            max = Math.max(max, Math.max(r.attempt, r.failedAttempt == null ? 1 : r.failedAttempt));
        }
        return max;
    }

    private static int attemptOf(StageProgress r) {
        return r == null ? 1 : r.attempt;
    }

    private static boolean[] done(Map<Stage, StageProgress> by, boolean ingestAcked) {
        boolean[] done = new boolean[STAGES.length];
        boolean later = false;
        for (int i = STAGES.length - 1; i >= 0; i--) {
            StageProgress r = by.get(STAGES[i]);
            boolean own = (r != null && r.succeededAt != null) || (i == 0 && ingestAcked);
            done[i] = own || later;
            later = done[i];
        }
        return done;
    }

    private static Map<Stage, StageProgress> index(List<StageProgress> rows) {
        Map<Stage, StageProgress> by = new EnumMap<>(Stage.class);
        for (StageProgress r : rows) {
            by.put(r.stage(), r);
        }
        return by;
    }
}
