package dev.paperledge.audio.service;

import java.nio.file.Path;
import java.util.List;

import org.jboss.logging.Logger;

import dev.paperledge.audio.check.CheckSettings;
import dev.paperledge.audio.check.ListeningCheck;
import dev.paperledge.audio.check.PocketsphinxRecognizer;
import dev.paperledge.audio.speech.FliteEngine;
import dev.paperledge.audio.speech.MaryTtsEngine;
import dev.paperledge.audio.speech.OpenAiSpeechEngine;
import dev.paperledge.audio.speech.PronunciationLexicon;
import dev.paperledge.audio.speech.SpeechEngine;
import dev.paperledge.audio.speech.TextNormalizer;
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
        return create(config.engine(), config);
    }

    static SpeechEngine create(String name, AudioConfig config) {
        return create(name, config, false);
    }

    /** The named engine with the host's voice, or the co-host's. */
    static SpeechEngine create(String name, AudioConfig config, boolean cohost) {
        return switch (name) {
            case "marytts" -> cohost ? new MaryTtsEngine(config.marytts().cohostVoice(), config.marytts().maxChunkChars(),
                    config.marytts().cohostEffects()) : new MaryTtsEngine(config.marytts().voice(), config.marytts().maxChunkChars());
            case "openai" -> new OpenAiSpeechEngine(config.openai().baseUrl(), config.openai().apiKey().orElse(""),
                    config.openai().model(), cohost ? config.openai().cohostVoice() : config.openai().voice(),
                    config.openai().responseFormat(), config.openai().timeout(), config.openai().parallelism());
            case "flite" -> new FliteEngine(config.flite().binary(), cohost ? config.flite().cohostVoice() : config.flite().voice(), 120);
            default -> throw new IllegalArgumentException("paperledge.audio.engine must be marytts, openai or flite, not '"
                    + name + "'");
        };
    }

    @Produces
    @Singleton
    EpisodeRenderer renderer(SpeechEngine engine, AudioConfig config) {
        TextNormalizer normalizer = new TextNormalizer(config.lexicon().filter(f -> !f.isBlank())
                .map(f -> PronunciationLexicon.withFile(Path.of(f))).orElseGet(PronunciationLexicon::defaults));
        AudioConfig.Check c = config.check();
        if (!c.enabled()) {
            LOG.warn("the listening check is off (paperledge.audio.check.enabled=false): episodes ship unheard");
            return new EpisodeRenderer(engine, config.renderSettings(), null, null, normalizer, cohost(config));
        }
        Path model = Path.of(c.model());
        if (!PocketsphinxRecognizer.available(c.binary(), model)) {
            throw new IllegalStateException("the listening check needs " + c.binary() + " and its model in " + model
                    + ": install the Debian packages pocketsphinx and pocketsphinx-en-us "
                    + "(deploy/local/install-packages.sh), or turn the check off with PAPERLEDGE_AUDIO_CHECK_ENABLED=false");
        }
        double baseline = c.baselineWer().getOrDefault(config.engine(), c.defaultBaselineWer());
        // A duo's co-host on an engine of its own is judged against that engine's baseline, not the host's.
        java.util.Map<String, Double> perEngine = new java.util.HashMap<>(c.baselineWer());
        perEngine.putIfAbsent(config.engine(), baseline);
        perEngine.putIfAbsent(cohostEngineName(config), c.defaultBaselineWer());
        CheckSettings settings = new CheckSettings(baseline, c.marginWer(), c.minExcessErrors(),
                c.calibrate(), c.maxSilenceMs(), c.rateTolerance(), c.minWordsForRate(),
                c.parallelism() <= 0 ? Runtime.getRuntime().availableProcessors() : c.parallelism(),
                c.listenSeconds(), perEngine);
        SpeechEngine fallback = c.fallbackEngine().filter(f -> !f.isBlank() && !f.equals(config.engine()))
                .map(f -> create(f, config)).orElse(null);
        LOG.infof("listening check on: %s, %s baseline word error %.0f%%%s", c.binary(), engine.id(), 100 * baseline,
                fallback == null ? "" : ", second takes by " + fallback.id());
        return new EpisodeRenderer(engine, config.renderSettings(),
                new ListeningCheck(new PocketsphinxRecognizer(c.binary(), model, c.timeout(), c.decoderOptions()
                        .map(o -> List.of(o.strip().split("\\s+"))).orElse(PocketsphinxRecognizer.DEFAULT_OPTIONS)),
                        settings), fallback,
                normalizer, cohost(config));
    }

    /** The co-host's voice, made on the first duo episode and kept. */
    private static java.util.function.Supplier<SpeechEngine> cohost(AudioConfig config) {
        String name = cohostEngineName(config);
        java.util.concurrent.atomic.AtomicReference<SpeechEngine> made = new java.util.concurrent.atomic.AtomicReference<>();
        return () -> {
            synchronized (made) {
                if (made.get() == null) {
                    made.set(create(name, config, true));
                    LOG.infof("co-host voice %s ready", made.get().id());
                }
                return made.get();
            }
        };
    }

    /** The co-host's engine: {@code paperledge.audio.cohost-engine}, else the host's. */
    static String cohostEngineName(AudioConfig config) {
        return config.cohostEngine().filter(e -> !e.isBlank()).orElse(config.engine());
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
