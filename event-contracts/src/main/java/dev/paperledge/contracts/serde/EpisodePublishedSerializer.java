package dev.paperledge.contracts.serde;

import dev.paperledge.contracts.EpisodePublished;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;

/**
 * JSON for {@link EpisodePublished}. Besides producers, SmallRye's dead-letter queue finds it by name from
 * {@link EpisodePublishedDeserializer}, so a consumer's dead letters need no serializer setting.
 */
public class EpisodePublishedSerializer extends ObjectMapperSerializer<EpisodePublished> {
}
