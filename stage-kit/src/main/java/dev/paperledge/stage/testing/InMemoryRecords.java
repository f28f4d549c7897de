package dev.paperledge.stage.testing;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.paperledge.stage.db.DatabaseUnavailable;
import dev.paperledge.stage.runner.Inbox;
import dev.paperledge.stage.runner.InputLog;
import dev.paperledge.stage.runner.Production;

/**
 * The runner's inbox and input log in memory, for fast tests; {@link #down(int)} makes the next calls
 * fail as an unreachable PostgreSQL does (an exception {@link DatabaseUnavailable} recognises).
 */
public class InMemoryRecords implements Inbox, InputLog {
    private final Set<String> processed = new LinkedHashSet<>();
    private final Map<Production, String> inputs = new LinkedHashMap<>();
    private int failNext;

    /** The next {@code calls} calls fail with SQL state 08006 (connection failure). */
    public InMemoryRecords down(int calls) {
        this.failNext = calls;
        return this;
    }

    @Override
    public boolean seen(String eventId) {
        check();
        return processed.contains(eventId);
    }

    @Override
    public boolean record(String eventId) {
        check();
        return processed.add(eventId);
    }

    @Override
    public void record(Production production, String eventId, String eventJson) {
        check();
        inputs.put(production, eventJson);
    }

    @Override
    public Optional<String> find(Production production) {
        check();
        return Optional.ofNullable(inputs.get(production));
    }

    public Set<String> processed() {
        return Set.copyOf(processed);
    }

    public Map<Production, String> inputs() {
        return Map.copyOf(inputs);
    }

    private void check() {
        if (failNext > 0) {
            failNext--;
            throw new IllegalStateException("database call failed",
                    new java.sql.SQLException("Connection to localhost:5432 refused", "08006"));
        }
    }
}
