package dev.paperledge.testkit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;

/**
 * Helpers for tests against the real local broker. A fresh consumer takes seconds to get its
 * partitions; tests wait for the assignment instead of sleeping.
 */
public final class KafkaTestSupport {
    private KafkaTestSupport() {
    }

    /** Waits until the consumer group has at least one member holding at least one partition. */
    public static void awaitAssignment(String bootstrap, String groupId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (System.nanoTime() < deadline) {
                ConsumerGroupDescription d = admin.describeConsumerGroups(java.util.List.of(groupId))
                        .describedGroups().get(groupId).get(10, TimeUnit.SECONDS);
                boolean assigned = d.members().stream()
                        .anyMatch(m -> !m.assignment().topicPartitions().isEmpty());
                if (assigned) {
                    return;
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not describe consumer group " + groupId, e);
        }
        throw new IllegalStateException("consumer group " + groupId + " got no partitions within " + timeout);
    }
}
