package dev.paperledge.contracts.serde;

import dev.paperledge.contracts.ScriptReady;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;

/**
 * JSON for {@link ScriptReady}. Besides producers, SmallRye's dead-letter queue finds it by name from
 * {@link ScriptReadyDeserializer}, so a consumer's dead letters need no serializer setting.
 */
public class ScriptReadySerializer extends ObjectMapperSerializer<ScriptReady> {
}
