package dev.paperledge.script.messaging;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.common.errors.TimeoutException;

import dev.paperledge.contracts.PipelineEvent;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.StageFailed;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * The real events, except that the first send of one paper's ScriptReady gets the answer a producer
 * gets when the broker does not take a record in time; then it goes through.
 */
public class BrokerRefusesOnce extends ScriptEvents {
    private final String arxivId;
    private final AtomicBoolean refused = new AtomicBoolean();

    public BrokerRefusesOnce(MutinyEmitter<ScriptReady> scripts, MutinyEmitter<StageFailed> failures, String arxivId) {
        super(scripts, failures);
        this.arxivId = arxivId;
    }

    @Override
    protected <T extends PipelineEvent> void deliver(MutinyEmitter<T> emitter, T event) {
        if (event instanceof ScriptReady r && r.arxivId().equals(arxivId) && refused.compareAndSet(false, true)) {
            throw new TimeoutException("Expiring 1 record(s) for scripts.ready-0:120000 ms has passed since batch creation");
        }
        super.deliver(emitter, event);
    }
}
