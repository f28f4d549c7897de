package dev.paperledge.audio.service;

import org.jboss.logging.Logger;

import dev.paperledge.audio.speech.FliteEngine;
import dev.paperledge.audio.speech.MaryTtsEngine;
import dev.paperledge.audio.speech.OpenAiSpeechEngine;
import dev.paperledge.audio.speech.SpeechEngine;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Creates the configured engine once (MaryTTS loads its voice here) and warms it at start-up. */
@Singleton
public class SpeechEngineProducer {
    private static final Logger LOG = Logger.getLogger(SpeechEngineProducer.class);

    @Produces
    @Singleton
    SpeechEngine engine(AudioConfig config) {
        return switch (config.engine()) {
            case "marytts" -> new MaryTtsEngine(config.marytts().voice(), config.marytts().maxChunkChars());
            case "openai" -> new OpenAiSpeechEngine(config.openai().baseUrl(), config.openai().apiKey().orElse(""),
                    config.openai().model(), config.openai().voice(), config.openai().responseFormat(),
                    config.openai().timeout(), config.openai().parallelism());
            case "flite" -> new FliteEngine(config.flite().binary(), config.flite().voice(), 120);
            default -> throw new IllegalArgumentException("paperledge.audio.engine must be marytts, openai or flite, not '"
                    + config.engine() + "'");
        };
    }

    @Produces
    @Singleton
    EpisodeRenderer renderer(SpeechEngine engine, AudioConfig config) {
        return new EpisodeRenderer(engine, config.renderSettings());
    }

    void close(@Disposes EpisodeRenderer renderer) {
        renderer.close();
    }

    void closeEngine(@Disposes SpeechEngine engine) {
        engine.close();
    }

    /** The first episode should not pay for loading voices and JIT-compiling the synthesis path. */
    void warmUp(@Observes StartupEvent ev, SpeechEngine engine, AudioConfig config) {
        if (!"marytts".equals(config.engine())) {
            LOG.infof("speech engine %s ready (not warmed: remote or subprocess engine)", engine.id());
            return;
        }
        long t = System.nanoTime();
        engine.warmUp();
        LOG.infof("speech engine %s warmed up in %d ms", engine.id(), (System.nanoTime() - t) / 1_000_000);
    }
}
