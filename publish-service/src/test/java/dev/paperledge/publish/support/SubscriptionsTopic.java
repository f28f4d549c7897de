package dev.paperledge.publish.support;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import dev.paperledge.contracts.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Makes sure the test broker has the compacted {@code subscriptions} topic before the service starts
 * (the broker does not create topics on use), so the rules consumer is assigned from the start.
 */
public class SubscriptionsTopic implements QuarkusTestResourceLifecycleManager {
    public static final String BOOTSTRAP = "localhost:19092";

    @Override
    public Map<String, String> start() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        try (Admin admin = Admin.create(p)) {
            if (!admin.listTopics().names().get().contains(Topics.SUBSCRIPTIONS)) {
                admin.createTopics(List.of(new NewTopic(Topics.SUBSCRIPTIONS, 3, (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                        .all().get();
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the subscriptions topic", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }
}
