package dev.paperledge.script.messaging;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import dev.paperledge.stage.messaging.StageEvents;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;

/** The script stage's outgoing events: scripts.ready and pipeline.failures, each awaited (the stage kit's StageEvents). */
@ApplicationScoped
public class ScriptEvents extends StageEvents {
    public static final String SOURCE = "script-service";

    private final MutinyEmitter<ScriptReady> scripts;

    public ScriptEvents(@Channel("scripts-out") MutinyEmitter<ScriptReady> scripts,
            @Channel("failures") MutinyEmitter<StageFailed> failures) {
        super(SOURCE, failures);
        this.scripts = scripts;
    }

    public void scriptReady(ScriptReady event) {
        send(scripts, event, Topics.SCRIPTS_READY);
    }
}
