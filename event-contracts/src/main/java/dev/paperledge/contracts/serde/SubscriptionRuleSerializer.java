package dev.paperledge.contracts.serde;

import dev.paperledge.contracts.SubscriptionRule;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;

/**
 * JSON for {@link SubscriptionRule}. Besides producers, SmallRye's dead-letter queue finds it by name from
 * {@link SubscriptionRuleDeserializer}, so a consumer's dead letters need no serializer setting.
 */
public class SubscriptionRuleSerializer extends ObjectMapperSerializer<SubscriptionRule> {
}
