package dev.paperledge.stage.testing;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.paperledge.contracts.PipelineEvent;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.stage.db.DatabaseTransient;
import dev.paperledge.stage.runner.DatabaseRetry;
import dev.paperledge.stage.runner.StageHandler;
import dev.paperledge.stage.runner.StageRunner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A stage's handler run by the real {@link StageRunner} on in-memory parts, the way its Kafka consumer
 * runs it: records delivered and retried, what was acknowledged or dead-lettered, the
 * {@code StageFailed} reports, the inbox, the input log and the outcome counters. For fast tests of
 * every failure path of a stage without Kafka, S3 or PostgreSQL.
 */
public class StageHarness<I extends PipelineEvent> {
    /** How many times the in-memory database retry runs the work before letting the failure through. */
    public static final int DATABASE_ATTEMPTS = 3;

    private final InMemoryRecords records = new InMemoryRecords();
    private final FailureReports failures = new FailureReports();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final List<Object> deadLettered = new ArrayList<>();
    private final String stage;
    private final StageRunner<I> runner;

    public StageHarness(StageHandler<I> handler) {
        this(handler, json());
    }

    /**
     * The kit's database retry policy in memory: work that lost the database or a conflict runs again,
     * up to {@link #DATABASE_ATTEMPTS} runs, without waiting; any other error goes through at once.
     */
    public static DatabaseRetry databaseRetry() {
        DatabaseTransient database = new DatabaseTransient();
        return work -> {
            for (int attempt = 1;; attempt++) {
                try {
                    work.run();
                    return;
                } catch (RuntimeException e) {
                    if (attempt >= DATABASE_ATTEMPTS || !database.test(e)) {
                        throw e;
                    }
                }
            }
        };
    }

    /**
     * A JSON mapper configured as Quarkus configures the services' one: unknown properties ignored,
     * dates as ISO-8601 text, the Java time module registered.
     */
    public static ObjectMapper json() {
        return new ObjectMapper().findAndRegisterModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public StageHarness(StageHandler<I> handler, ObjectMapper json) {
        this.stage = handler.stage().id();
        DatabaseRetry retry = databaseRetry();
        this.runner = new StageRunner<>(handler, failures, records, records, retry, json, metrics);
    }

    /** Delivers a record from the input topic: true when acknowledged, false when dead-lettered. */
    public boolean deliver(I event) {
        try {
            runner.accept(event);
            return true;
        } catch (RuntimeException e) {
            deadLettered.add(event);
            return false;
        }
    }

    /** Delivers an operator's retry (always acknowledged). */
    public void retry(RetryRequested retry) {
        runner.retry(retry);
    }

    public List<StageFailed> failures() {
        return failures.sent();
    }

    public FailureReports failureReports() {
        return failures;
    }

    public List<Object> deadLettered() {
        return List.copyOf(deadLettered);
    }

    public InMemoryRecords records() {
        return records;
    }

    /** {@code paperledge.stage.outcomes} for this stage with that outcome and reason (0 when never counted). */
    public double outcomes(String outcome, String reason) {
        Counter c = metrics.find("paperledge.stage.outcomes").tags("stage", stage, "outcome", outcome, "reason", reason)
                .counter();
        return c == null ? 0 : c.count();
    }

    public SimpleMeterRegistry metrics() {
        return metrics;
    }
}
