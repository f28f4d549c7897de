package dev.paperledge.script.domain;

import java.util.Optional;
import java.util.function.Consumer;

import dev.paperledge.stage.runner.Production;

/**
 * The script stage's own record of each production (the {@link Script} row), behind a port so the
 * stage's logic runs on PostgreSQL in the service ({@link ScriptTable}) and in memory in fast tests.
 * Each call is a unit of its own (the stage calls it between pieces of work that are not
 * transactional: object-store writes, awaited sends).
 */
public interface ScriptRecords {
    /**
     * Applies the change to the production's row, creating the row ({@code WRITING}) when there is
     * none; {@code updatedAt} is set.
     */
    void write(Production production, Consumer<Script> change);

    /** Applies the change to the production's row if there is one; false when there is none. */
    boolean change(Production production, Consumer<Script> change);

    Optional<Script> find(Production production);

    /** A new row for a production, as {@link #write} creates it. */
    static Script newRow(Production production) {
        Script s = new Script();
        s.arxivId = production.arxivId();
        s.version = production.version();
        s.run = production.run();
        s.status = Script.Status.WRITING;
        s.createdAt = java.time.Instant.now();
        return s;
    }
}
