package dev.paperledge.stage.db;

import java.time.Instant;
import java.util.Optional;

import dev.paperledge.stage.runner.Inbox;
import dev.paperledge.stage.runner.InputLog;
import dev.paperledge.stage.runner.Production;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The stage runner's records in PostgreSQL: the inbox ({@link ProcessedEvent}) and the input log
 * ({@link StageInput}), each call in a transaction of its own (the runner calls them between pieces
 * of work that are not transactional: object-store writes, awaited sends).
 */
@ApplicationScoped
public class StageRecords implements Inbox, InputLog {
    @Override
    public boolean seen(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.seen(eventId));
    }

    @Override
    public boolean record(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.record(eventId));
    }

    @Override
    public void record(Production production, String eventId, String eventJson) {
        QuarkusTransaction.requiringNew().run(() -> {
            StageInput in = StageInput.findById(ProductionKey.of(production));
            if (in == null) {
                in = new StageInput();
                in.arxivId = production.arxivId();
                in.version = production.version();
                in.run = production.run();
            }
            in.eventId = eventId;
            in.eventJson = eventJson;
            in.receivedAt = Instant.now();
            in.persist();
        });
    }

    @Override
    public Optional<String> find(Production production) {
        return QuarkusTransaction.requiringNew().call(() -> StageInput.<StageInput>findByIdOptional(ProductionKey.of(production))
                .map(in -> in.eventJson));
    }
}
