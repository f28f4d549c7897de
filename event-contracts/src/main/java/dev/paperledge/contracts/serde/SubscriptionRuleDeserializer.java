package dev.paperledge.contracts.serde;

import dev.paperledge.contracts.SubscriptionRule;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

public class SubscriptionRuleDeserializer extends ObjectMapperDeserializer<SubscriptionRule> {
    public SubscriptionRuleDeserializer() {
        super(SubscriptionRule.class);
    }
}
