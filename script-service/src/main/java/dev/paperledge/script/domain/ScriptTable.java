package dev.paperledge.script.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

import dev.paperledge.stage.runner.Production;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@link Script} rows in PostgreSQL, each call in a transaction of its own. */
@ApplicationScoped
public class ScriptTable implements ScriptRecords {
    @Override
    public void write(Production production, Consumer<Script> change) {
        QuarkusTransaction.requiringNew().run(() -> {
            Script s = row(production).orElseGet(() -> ScriptRecords.newRow(production));
            change.accept(s);
            s.updatedAt = Instant.now();
            s.persist();
        });
    }

    @Override
    public boolean change(Production production, Consumer<Script> change) {
        return QuarkusTransaction.requiringNew().call(() -> row(production).map(s -> {
            change.accept(s);
            s.updatedAt = Instant.now();
            return true;
        }).orElse(false));
    }

    @Override
    public Optional<Script> find(Production production) {
        return QuarkusTransaction.requiringNew().call(() -> row(production));
    }

    private static Optional<Script> row(Production p) {
        return Script.byNaturalKey(p.arxivId(), p.version(), p.run());
    }
}
