package dev.paperledge.stage.runner;

import java.util.Optional;

/** The input a production started from (the event as JSON), kept so an operator's retry reruns from it. */
public interface InputLog {
    void record(Production production, String eventId, String eventJson);

    Optional<String> find(Production production);
}
