package dev.paperledge.contracts.serde;

import dev.paperledge.contracts.PaperIngested;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

public class PaperIngestedDeserializer extends ObjectMapperDeserializer<PaperIngested> {
    public PaperIngestedDeserializer() {
        super(PaperIngested.class);
    }
}
