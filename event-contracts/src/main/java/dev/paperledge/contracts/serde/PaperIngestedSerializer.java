package dev.paperledge.contracts.serde;

import dev.paperledge.contracts.PaperIngested;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;

/**
 * JSON for {@link PaperIngested}. Besides producers, SmallRye's dead-letter queue finds it by name from
 * {@link PaperIngestedDeserializer}, so a consumer's dead letters need no serializer setting.
 */
public class PaperIngestedSerializer extends ObjectMapperSerializer<PaperIngested> {
}
