package dev.paperledge.audio.domain;

/** Where the audio stage keeps its row per production: PostgreSQL in the service, memory in fast tests. */
public interface AudioRecords {
    /** Inserts or replaces the row for the production the given row names. */
    void save(Audio row);
}
