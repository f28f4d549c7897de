package dev.paperledge.script.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import dev.paperledge.script.domain.Script;
import dev.paperledge.script.domain.ScriptRecords;
import dev.paperledge.stage.runner.Production;

/**
 * The script rows in memory, for fast tests of the stage's logic; {@link #down(int)} makes the next
 * calls fail as an unreachable PostgreSQL does (SQL state 08006, what the runner's database retry waits out).
 */
final class InMemoryScripts implements ScriptRecords {
    private final Map<Production, Script> rows = new LinkedHashMap<>();
    private int failNext;

    InMemoryScripts down(int calls) {
        this.failNext = calls;
        return this;
    }

    @Override
    public void write(Production production, Consumer<Script> change) {
        check();
        Script s = rows.computeIfAbsent(production, ScriptRecords::newRow);
        change.accept(s);
        s.updatedAt = Instant.now();
    }

    @Override
    public boolean change(Production production, Consumer<Script> change) {
        check();
        Script s = rows.get(production);
        if (s == null) {
            return false;
        }
        change.accept(s);
        s.updatedAt = Instant.now();
        return true;
    }

    @Override
    public Optional<Script> find(Production production) {
        check();
        return Optional.ofNullable(rows.get(production));
    }

    /** The row of run 1 of version 1 of a paper, or null. */
    Script row(String arxivId) {
        return rows.get(new Production(arxivId, 1, 1));
    }

    private void check() {
        if (failNext > 0) {
            failNext--;
            throw new IllegalStateException("database call failed",
                    new java.sql.SQLException("Connection to localhost:5432 refused", "08006"));
        }
    }
}
