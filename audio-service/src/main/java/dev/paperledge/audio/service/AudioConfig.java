package dev.paperledge.audio.service;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code paperledge.audio.*}: the speech engine and how episodes are rendered. */
@ConfigMapping(prefix = "paperledge.audio")
public interface AudioConfig {

    /** {@code flite} (Debian package, default), {@code marytts} (in-process) or {@code openai} (HTTP speech server). */
    @WithDefault("flite")
    String engine();

    MaryTts marytts();

    OpenAi openai();

    Flite flite();

    /** The listening check: every section recognised and judged before the episode ships. */
    Check check();

    /**
     * A pronunciation lexicon file ({@code TERM = spoken words} a line) whose entries are added to
     * the built-in ones ({@code pronunciation/lexicon.txt}) and override them.
     */
    Optional<String> lexicon();

    /** The host's name on the JSON transcript's segments (the show's host, as the feed names them). */
    @WithDefault("Ernis")
    String speaker();

    /** Album name in the ID3 tag. */
    @WithDefault("PaperLedge")
    String album();

    @WithDefault("24000")
    int sampleRate();

    @WithDefault("64")
    int bitrateKbps();

    @WithDefault("7")
    int mp3Quality();

    @WithDefault("-16")
    double targetLufs();

    @WithDefault("-1")
    double truePeakDbtp();

    @WithDefault("280")
    int sentencePauseMs();

    @WithDefault("120")
    int clausePauseMs();

    @WithDefault("900")
    int sectionPauseMs();

    /** Silence where the speaker changes in a duo episode. */
    @WithDefault("400")
    int turnPauseMs();

    /** The co-host's engine in a duo episode ({@code marytts}, {@code openai}, {@code flite}); unset: the host's. */
    Optional<String> cohostEngine();

    @WithDefault("true")
    boolean jingle();

    /** Chunks synthesized at once; 0 means one per core. */
    @WithDefault("0")
    int parallelism();

    @WithDefault("0.1")
    double minSecondsPerWord();

    interface MaryTts {
        @WithDefault("cmu-slt-hsmm")
        String voice();

        /** The co-host's voice in a duo episode. */
        @WithDefault("cmu-slt-hsmm")
        String cohostVoice();

        /** MaryTTS audio effects for the co-host's voice (the same model, lowered and with a longer tract by default). */
        @WithDefault("F0Add(f0Add:-70.0)")
        String cohostEffects();

        @WithDefault("400")
        int maxChunkChars();
    }

    interface OpenAi {
        @WithDefault("http://localhost:8880")
        String baseUrl();

        Optional<String> apiKey();

        @WithDefault("tts-1")
        String model();

        @WithDefault("alloy")
        String voice();

        /** The co-host's voice in a duo episode. */
        @WithDefault("onyx")
        String cohostVoice();

        @WithDefault("wav")
        String responseFormat();

        @WithDefault("60s")
        Duration timeout();

        @WithDefault("2")
        int parallelism();
    }

    interface Flite {
        @WithDefault("flite")
        String binary();

        @WithDefault("rms")
        String voice();

        /** The co-host's voice in a duo episode. */
        @WithDefault("slt")
        String cohostVoice();
    }

    interface Check {
        /** Off only when no recogniser can be installed; an unchecked episode is not vouched for. */
        @WithDefault("true")
        boolean enabled();

        /** {@code pocketsphinx_batch}: one process hears a list of sections (one model load). */
        @WithDefault("pocketsphinx_batch")
        String binary();

        /**
         * Decoder options passed to pocketsphinx as they are (whitespace-separated); unset: the
         * measured lighter search ({@code PocketsphinxRecognizer.DEFAULT_OPTIONS}).
         */
        Optional<String> decoderOptions();

        /** Folder with the acoustic model {@code en-us/}, {@code en-us.lm.bin} and {@code cmudict-en-us.dict}. */
        @WithDefault("/usr/share/pocketsphinx/model/en-us")
        String model();

        /** Longest one section's recognition may take. */
        @WithDefault("120s")
        Duration timeout();

        /**
         * Word error of a clean rendering, per engine ({@code marytts}, {@code flite}, {@code openai}):
         * the recogniser errs on clean speech too, so sections are judged against this.
         */
        Map<String, Double> baselineWer();

        /** For an engine with no measured baseline. */
        @WithDefault("0.25")
        double defaultBaselineWer();

        @WithDefault("0.25")
        double marginWer();

        @WithDefault("3")
        int minExcessErrors();

        /** A suspect section is compared with the bare engine speaking the same words. */
        @WithDefault("true")
        boolean calibrate();

        @WithDefault("2000")
        long maxSilenceMs();

        @WithDefault("1.8")
        double rateTolerance();

        /**
         * Shorter sections are not judged on their rate: in a few words the fixed pauses and long
         * names dominate ("Credit to Paper authors: Jacob T. VanderPlas" ran at 1.8x the episode's
         * seconds per word and failed a clean episode). Truncation is still caught by its clipped
         * edge and missing words.
         */
        @WithDefault("15")
        int minWordsForRate();

        /**
         * The recogniser hears about this many seconds of each section (whole sentences from its
         * start); 0: all of it. Silence, noise, rate and clipping are judged on all of it regardless.
         */
        @WithDefault("20")
        double listenSeconds();

        /** Recogniser processes at once, each hearing its share of the sections; 0 means one per core. */
        @WithDefault("0")
        int parallelism();

        /** Engine for a flagged section's second take; unset: the same engine in shorter chunks. */
        Optional<String> fallbackEngine();
    }

    default RenderSettings renderSettings() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new RenderSettings(sampleRate(), bitrateKbps(), mp3Quality(), targetLufs(), truePeakDbtp(),
                sentencePauseMs(), clausePauseMs(), sectionPauseMs(), jingle(),
                parallelism() <= 0 ? cores : parallelism(), minSecondsPerWord(), 240, speaker(), turnPauseMs());
    }
}
