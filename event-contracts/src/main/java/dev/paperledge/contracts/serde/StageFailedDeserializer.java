package dev.paperledge.contracts.serde;

import dev.paperledge.contracts.StageFailed;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

public class StageFailedDeserializer extends ObjectMapperDeserializer<StageFailed> {
    public StageFailedDeserializer() {
        super(StageFailed.class);
    }
}
