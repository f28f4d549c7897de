package dev.paperledge.contracts.serde;

import dev.paperledge.contracts.AudioReady;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

public class AudioReadyDeserializer extends ObjectMapperDeserializer<AudioReady> {
    public AudioReadyDeserializer() {
        super(AudioReady.class);
    }
}
