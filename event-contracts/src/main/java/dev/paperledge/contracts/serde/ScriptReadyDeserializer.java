package dev.paperledge.contracts.serde;

import dev.paperledge.contracts.ScriptReady;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

public class ScriptReadyDeserializer extends ObjectMapperDeserializer<ScriptReady> {
    public ScriptReadyDeserializer() {
        super(ScriptReady.class);
    }
}
