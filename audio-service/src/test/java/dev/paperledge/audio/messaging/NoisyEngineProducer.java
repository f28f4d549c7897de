package dev.paperledge.audio.messaging;

import dev.paperledge.audio.speech.FliteEngine;
import dev.paperledge.audio.speech.SpeechEngine;
import dev.paperledge.audio.support.FaultyEngine;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * For {@link ListeningCheckStageTest} only (selected by its profile): real flite, except that every
 * chunk mentioning "zanzibar" comes back as noise, however often it is asked for.
 */
@Alternative
@Singleton
public class NoisyEngineProducer {
    static final String TRIGGER = "zanzibar";

    @Produces
    @Singleton
    SpeechEngine engine() {
        return new FaultyEngine(new FliteEngine("flite", "rms", 60), FaultyEngine.Fault.NOISE, Integer.MAX_VALUE,
                TRIGGER);
    }
}
