package dev.paperledge.audio.messaging;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.apache.kafka.common.KafkaException;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.PipelineEvent;
import dev.paperledge.contracts.StageFailed;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * The real publisher, except that one paper's audio.ready fails the first times it is sent, with the
 * given errors in order: a {@link KafkaException} as the broker's answer to the send (what a refusal
 * or a delivery timeout looks like), anything else as an error before the send. Then it goes through.
 */
class FailingPublisher extends EventPublisher {
    private final String arxivId;
    private final Deque<RuntimeException> errors;

    FailingPublisher(MutinyEmitter<AudioReady> audioOut, MutinyEmitter<StageFailed> failures, String arxivId,
            RuntimeException... errors) {
        super(audioOut, failures);
        this.arxivId = arxivId;
        this.errors = new ArrayDeque<>(List.of(errors));
    }

    @Override
    public void audioReady(AudioReady event) {
        if (event.arxivId().equals(arxivId) && errors.peek() != null && !(errors.peek() instanceof KafkaException)) {
            throw errors.poll();
        }
        super.audioReady(event);
    }

    @Override
    protected <T extends PipelineEvent> void deliver(MutinyEmitter<T> emitter, T event) {
        if (event instanceof AudioReady a && a.arxivId().equals(arxivId) && errors.peek() instanceof KafkaException) {
            throw errors.poll();
        }
        super.deliver(emitter, event);
    }
}
