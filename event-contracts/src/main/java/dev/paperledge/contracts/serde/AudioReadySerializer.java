package dev.paperledge.contracts.serde;

import dev.paperledge.contracts.AudioReady;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;

/**
 * JSON for {@link AudioReady}. Besides producers, SmallRye's dead-letter queue finds it by name from
 * {@link AudioReadyDeserializer}, so a consumer's dead letters need no serializer setting.
 */
public class AudioReadySerializer extends ObjectMapperSerializer<AudioReady> {
}
