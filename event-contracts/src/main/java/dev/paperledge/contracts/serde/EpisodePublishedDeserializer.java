package dev.paperledge.contracts.serde;

import dev.paperledge.contracts.EpisodePublished;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

public class EpisodePublishedDeserializer extends ObjectMapperDeserializer<EpisodePublished> {
    public EpisodePublishedDeserializer() {
        super(EpisodePublished.class);
    }
}
