package dev.paperledge.script.messaging;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.paperledge.contracts.CloudEvents;
import dev.paperledge.contracts.PipelineEvent;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Outgoing events, each in the pipeline's CloudEvents envelope; calls return once the broker acked,
 * and a send the broker does not acknowledge throws {@link EventNotAcknowledged} naming the topic.
 */
@ApplicationScoped
public class ScriptEvents {
    public static final String SOURCE = "script-service";

    private final MutinyEmitter<ScriptReady> scripts;
    private final MutinyEmitter<StageFailed> failures;

    public ScriptEvents(@Channel("scripts-out") MutinyEmitter<ScriptReady> scripts,
            @Channel("failures") MutinyEmitter<StageFailed> failures) {
        this.scripts = scripts;
        this.failures = failures;
    }

    public void scriptReady(ScriptReady event) {
        send(scripts, event, Topics.SCRIPTS_READY);
    }

    public void failed(StageFailed event) {
        send(failures, event, Topics.PIPELINE_FAILURES);
    }

    private <T extends PipelineEvent> void send(MutinyEmitter<T> emitter, T event, String topic) {
        try {
            deliver(emitter, event);
        } catch (RuntimeException e) {
            throw new EventNotAcknowledged(topic, e);
        }
    }

    /** One send, awaited: a nack or a timeout throws. */
    <T extends PipelineEvent> void deliver(MutinyEmitter<T> emitter, T event) {
        emitter.sendMessageAndAwait(CloudEvents.message(event, SOURCE));
    }
}
