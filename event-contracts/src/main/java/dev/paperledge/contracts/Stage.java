package dev.paperledge.contracts;

/** The pipeline's stages, in order. Each is owned by one service. */
public enum Stage {
    INGEST, SCRIPT, AUDIO, PUBLISH;

    /** Lower-case name used in event ids, metrics and object keys. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
