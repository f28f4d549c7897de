package dev.paperledge.contracts.serde;

import dev.paperledge.contracts.RetryRequested;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;

/**
 * JSON for {@link RetryRequested}. Besides producers, SmallRye's dead-letter queue finds it by name from
 * {@link RetryRequestedDeserializer}, so a consumer's dead letters need no serializer setting.
 */
public class RetryRequestedSerializer extends ObjectMapperSerializer<RetryRequested> {
}
