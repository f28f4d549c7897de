package dev.paperledge.contracts;

/** Builds the deterministic event ids consumers deduplicate on. */
public final class EventIds {
    private EventIds() {
    }

    /**
     * One id per (paper, version, stage, production run, event type), for example
     * {@code 2106.09685v2/script/r1/paperledge.script.ready.v1}.
     */
    public static String of(String arxivId, int version, Stage stage, int run, String type) {
        return arxivId + "v" + version + "/" + stage.id() + "/r" + run + "/" + type;
    }
}
