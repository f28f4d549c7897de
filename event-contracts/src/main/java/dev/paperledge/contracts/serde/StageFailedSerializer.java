package dev.paperledge.contracts.serde;

import dev.paperledge.contracts.StageFailed;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;

/**
 * JSON for {@link StageFailed}. Besides producers, SmallRye's dead-letter queue finds it by name from
 * {@link StageFailedDeserializer}, so a consumer's dead letters need no serializer setting.
 */
public class StageFailedSerializer extends ObjectMapperSerializer<StageFailed> {
}
