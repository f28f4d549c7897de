package dev.paperledge.audio.messaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Creates the test-only scripts topic (3 partitions, like the real one) before the service starts. */
public class AudioTestTopics implements QuarkusTestResourceLifecycleManager {
    static final String SCRIPTS = "scripts.ready.audio-test";

    @Override
    public Map<String, String> start() {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", StageTestBase.BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(SCRIPTS, 3, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create " + SCRIPTS, e);
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
