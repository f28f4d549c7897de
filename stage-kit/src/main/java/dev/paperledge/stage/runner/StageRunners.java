package dev.paperledge.stage.runner;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.PipelineEvent;
import dev.paperledge.stage.db.DatabaseRetryPolicy;
import dev.paperledge.stage.db.StageRecords;
import dev.paperledge.stage.messaging.StageEvents;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Builds a service's {@link StageRunner} on the real parts: PostgreSQL records, the database retry policy, Kafka. */
@ApplicationScoped
public class StageRunners {
    private final StageRecords records;
    private final DatabaseRetryPolicy databaseRetry;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public StageRunners(StageRecords records, DatabaseRetryPolicy databaseRetry, ObjectMapper json,
            MeterRegistry metrics) {
        this.records = records;
        this.databaseRetry = databaseRetry;
        this.json = json;
        this.metrics = metrics;
    }

    public <I extends PipelineEvent> StageRunner<I> of(StageHandler<I> handler, StageEvents events) {
        return new StageRunner<>(handler, events::stageFailed, records, records, databaseRetry, json, metrics);
    }
}
