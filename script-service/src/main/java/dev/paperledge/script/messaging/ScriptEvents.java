package dev.paperledge.script.messaging;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.paperledge.contracts.CloudEvents;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.StageFailed;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;

/** Outgoing events, each in the pipeline's CloudEvents envelope; calls return once the broker acked. */
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
        scripts.sendMessageAndAwait(CloudEvents.message(event, SOURCE));
    }

    public void failed(StageFailed event) {
        failures.sendMessageAndAwait(CloudEvents.message(event, SOURCE));
    }
}
