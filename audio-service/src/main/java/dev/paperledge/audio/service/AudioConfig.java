package dev.paperledge.audio.service;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code paperledge.audio.*}: the speech engine and how episodes are rendered. */
@ConfigMapping(prefix = "paperledge.audio")
public interface AudioConfig {

    /** {@code marytts} (in-process, default), {@code openai} (HTTP speech server) or {@code flite}. */
    @WithDefault("marytts")
    String engine();

    MaryTts marytts();

    OpenAi openai();

    Flite flite();

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
    }

    default RenderSettings renderSettings() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new RenderSettings(sampleRate(), bitrateKbps(), mp3Quality(), targetLufs(), truePeakDbtp(),
                sentencePauseMs(), clausePauseMs(), sectionPauseMs(), jingle(),
                parallelism() <= 0 ? cores : parallelism(), minSecondsPerWord(), 240);
    }
}
