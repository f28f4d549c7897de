package dev.paperledge.contracts.serde;

import dev.paperledge.contracts.RetryRequested;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

public class RetryRequestedDeserializer extends ObjectMapperDeserializer<RetryRequested> {
    public RetryRequestedDeserializer() {
        super(RetryRequested.class);
    }
}
