package dev.paperledge.audio.service;

/**
 * How an episode is rendered.
 *
 * @param sampleRate          the program's rate and the MP3's (24000 keeps speech clear at half the
 *                            encoding cost of 48000)
 * @param bitrateKbps         MP3 constant bitrate
 * @param mp3Quality          LAME algorithm quality 0 (best) … 9 (fastest)
 * @param targetLufs          integrated loudness target
 * @param truePeakDbtp        true-peak ceiling
 * @param sentencePauseMs     silence between sentences
 * @param clausePauseMs       silence between parts of a sentence split for length
 * @param sectionPauseMs      silence between sections
 * @param jingle              whether to add the generated intro and outro
 * @param parallelism         chunks synthesized at once (bounded by the engine and the cores)
 * @param minSecondsPerWord   audio shorter than this per word is treated as a failed synthesis
 * @param cueMaxChars         longest transcript cue; longer sentences are split at clauses
 * @param speaker             the host's name on the transcript's segments
 * @param turnPauseMs         silence where a duo episode's speaker changes
 */
public record RenderSettings(int sampleRate, int bitrateKbps, int mp3Quality, double targetLufs, double truePeakDbtp,
        int sentencePauseMs, int clausePauseMs, int sectionPauseMs, boolean jingle, int parallelism,
        double minSecondsPerWord, int cueMaxChars, String speaker, int turnPauseMs) {

    public static RenderSettings defaults() {
        return new RenderSettings(24000, 64, 7, -16.0, -1.0, 280, 120, 900, true,
                Runtime.getRuntime().availableProcessors(), 0.1, 240, "Ernis", 400);
    }

    public RenderSettings withJingle(boolean on) {
        return new RenderSettings(sampleRate, bitrateKbps, mp3Quality, targetLufs, truePeakDbtp, sentencePauseMs,
                clausePauseMs, sectionPauseMs, on, parallelism, minSecondsPerWord, cueMaxChars, speaker, turnPauseMs);
    }

    public RenderSettings withSampleRate(int rate) {
        return new RenderSettings(rate, bitrateKbps, mp3Quality, targetLufs, truePeakDbtp, sentencePauseMs,
                clausePauseMs, sectionPauseMs, jingle, parallelism, minSecondsPerWord, cueMaxChars, speaker, turnPauseMs);
    }

    public RenderSettings withParallelism(int p) {
        return new RenderSettings(sampleRate, bitrateKbps, mp3Quality, targetLufs, truePeakDbtp, sentencePauseMs,
                clausePauseMs, sectionPauseMs, jingle, p, minSecondsPerWord, cueMaxChars, speaker, turnPauseMs);
    }

    public RenderSettings withSpeaker(String name) {
        return new RenderSettings(sampleRate, bitrateKbps, mp3Quality, targetLufs, truePeakDbtp, sentencePauseMs,
                clausePauseMs, sectionPauseMs, jingle, parallelism, minSecondsPerWord, cueMaxChars, name, turnPauseMs);
    }
}
