package dev.paperledge.audio.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import dev.paperledge.audio.mix.FloatBuffer;
import dev.paperledge.audio.mix.Id3Tagger;
import dev.paperledge.audio.mix.Jingle;
import dev.paperledge.audio.mix.LoudnessMeter;
import dev.paperledge.audio.mix.Mastering;
import dev.paperledge.audio.mix.Mp3Encoder;
import dev.paperledge.audio.mix.Mp3Frames;
import dev.paperledge.audio.mix.Resampler;
import dev.paperledge.audio.mix.Timeline;
import dev.paperledge.audio.mix.TranscriptWriter;
import dev.paperledge.audio.speech.Pcm;
import dev.paperledge.audio.speech.SentenceSplitter;
import dev.paperledge.audio.speech.SpeechEngine;
import dev.paperledge.audio.speech.SpeechException;
import dev.paperledge.audio.speech.TextNormalizer;
import dev.paperledge.contracts.EpisodeScript;

/**
 * Script in, podcast episode out. Sections are split into sentences (the transcript's cues), each
 * normalised for speech and synthesized in parallel up to the engine's and the machine's limit; the
 * parts are joined in order with pauses (and the generated jingle), mastered to the loudness norm,
 * encoded to MP3, tagged with chapters, and described by chapters JSON and a WebVTT transcript.
 * Plain Java (no CDI) so the benchmark can drive it directly.
 */
public class EpisodeRenderer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EpisodeRenderer.class);

    /** Episode-level text for the ID3 tag. */
    public record EpisodeInfo(String title, String album, String year, String comment) {
    }

    /**
     * jump3r's encoder comes out 0.45 dB quieter than its input (measured on tones and on episodes,
     * with our meter and with ffmpeg's ebur128): mastering aims that much higher so the MP3 lands
     * on the target.
     */
    static final double ENCODER_LOSS_DB = 0.45;

    private final SpeechEngine engine;
    private final RenderSettings settings;
    private final TextNormalizer normalizer = new TextNormalizer();
    private final ExecutorService pool;

    public EpisodeRenderer(SpeechEngine engine, RenderSettings settings) {
        this.engine = engine;
        this.settings = settings;
        int threads = Math.max(1, Math.min(settings.parallelism(),
                Math.min(engine.maxParallelism(), Runtime.getRuntime().availableProcessors())));
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "speech-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public SpeechEngine engine() {
        return engine;
    }

    /** One transcript cue and the engine chunks that speak it. */
    private record CuePlan(int section, String text, int words, List<Future<float[]>> parts) {
    }

    private record SectionPlan(String title, List<CuePlan> cues) {
    }

    public RenderedEpisode render(EpisodeScript script, EpisodeInfo info) {
        long t0 = System.nanoTime();
        List<SectionPlan> plan = plan(script);
        int rate = settings.sampleRate();
        try {
            FloatBuffer program = new FloatBuffer(rate * 60);
            float[] intro = settings.jingle() ? Jingle.intro(rate) : new float[0];
            program.addSilence(intro.length);
            if (intro.length > 0) {
                program.addSilence(ms(700));
            }
            int speechStart = program.size();
            List<long[]> chapterSpans = new ArrayList<>();
            List<Timeline.Cue> cues = new ArrayList<>();
            long speechSamples = 0;
            int words = 0;
            for (int s = 0; s < plan.size(); s++) {
                SectionPlan section = plan.get(s);
                if (s > 0) {
                    program.addSilence(ms(settings.sectionPauseMs()));
                }
                int sectionStart = program.size();
                long sectionSpeech = 0;
                for (int c = 0; c < section.cues().size(); c++) {
                    CuePlan cue = section.cues().get(c);
                    if (c > 0) {
                        program.addSilence(ms(settings.sentencePauseMs()));
                    }
                    int cueStart = program.size();
                    long cueSpeech = 0;
                    for (int p = 0; p < cue.parts().size(); p++) {
                        if (p > 0) {
                            program.addSilence(ms(settings.clausePauseMs()));
                        }
                        float[] part = await(cue.parts().get(p), section, cue);
                        program.addAll(part, 0, part.length);
                        cueSpeech += part.length;
                    }
                    double seconds = cueSpeech / (double) rate;
                    if (seconds < settings.minSecondsPerWord() * cue.words()) {
                        throw new RenderException("audio-too-short", String.format(java.util.Locale.ROOT,
                                "speech engine %s produced %.2f s of audio for %d words in section '%s' (\"%s\"): "
                                        + "too short to be speech",
                                engine.id(), seconds, cue.words(), section.title(), abbreviate(cue.text())), false);
                    }
                    cues.add(new Timeline.Cue(cue.text(), toMs(cueStart), toMs(program.size())));
                    sectionSpeech += cueSpeech;
                    words += cue.words();
                }
                if (sectionSpeech == 0) {
                    throw new RenderException("section-empty",
                            "section '" + section.title() + "' produced no audio", false);
                }
                speechSamples += sectionSpeech;
                chapterSpans.add(new long[] {sectionStart, program.size()});
            }
            int speechEnd = program.size();
            float[] outro = settings.jingle() ? Jingle.outro(rate) : new float[0];
            if (outro.length > 0) {
                program.addSilence(ms(900));
                int at = program.size();
                program.addSilence(outro.length);
                placeJingles(program, intro, outro, speechStart, speechEnd, at);
            }
            program.addSilence(ms(300));
            long synthesisMs = (System.nanoTime() - t0) / 1_000_000;

            long t1 = System.nanoTime();
            float[] x = program.array();
            int length = program.size();
            Mastering.Result mastered = Mastering.master(x, length, rate, settings.targetLufs() + ENCODER_LOSS_DB,
                    settings.truePeakDbtp());
            Mastering.Result loudness = new Mastering.Result(mastered.inputLufs(),
                    mastered.outputLufs() - ENCODER_LOSS_DB, mastered.truePeakDbtp() - ENCODER_LOSS_DB, mastered.gainDb(),
                    mastered.passes());
            byte[] frames;
            try (Mp3Encoder enc = new Mp3Encoder(rate, settings.bitrateKbps(), settings.mp3Quality(),
                    (int) ((long) length * settings.bitrateKbps() * 125 / rate) + 4096)) {
                final int block = 8192;
                for (int i = 0; i < length; i += block) {
                    enc.write(x, i, Math.min(length, i + block));
                }
                frames = enc.finish();
            }
            Mp3Frames.Stats stats = Mp3Frames.scan(frames);
            long durationMs = stats.durationMs();
            long programMs = toMs(length);
            if (stats.frames() == 0 || durationMs < Math.min(1000, programMs / 2)) {
                throw new RenderException("mp3-empty", "the MP3 encoder produced " + frames.length + " bytes ("
                        + stats.frames() + " frames) for " + programMs + " ms of audio", false);
            }
            List<Timeline.Chapter> chapters = new ArrayList<>();
            for (int i = 0; i < chapterSpans.size(); i++) {
                long start = i == 0 ? 0 : toMs(chapterSpans.get(i)[0]);
                long end = i + 1 < chapterSpans.size() ? toMs(chapterSpans.get(i + 1)[0]) : durationMs;
                chapters.add(new Timeline.Chapter(plan.get(i).title(), start, end, toMs(chapterSpans.get(i)[0])));
            }
            Timeline timeline = new Timeline(chapters, cues, durationMs);
            byte[] mp3 = Id3Tagger.tag(frames, new Id3Tagger.Tags(info.title(), "PaperLedge", info.album(), info.year(),
                    info.comment()), chapters);
            long encodingMs = (System.nanoTime() - t1) / 1_000_000;
            LOG.debugf("rendered %d words: %d ms audio, synthesis %d ms, mastering+encoding %d ms, %.1f LUFS",
                    words, durationMs, synthesisMs, encodingMs, loudness.outputLufs());
            return new RenderedEpisode(mp3, durationMs, timeline, TranscriptWriter.chaptersJson(timeline, info.title()),
                    TranscriptWriter.webVtt(timeline), loudness, engine.id(), words, toMs(speechSamples), synthesisMs,
                    encodingMs);
        } finally {
            for (SectionPlan s : plan) {
                for (CuePlan c : s.cues()) {
                    c.parts().forEach(f -> f.cancel(true));
                }
            }
        }
    }

    /** Splits and normalises the script and submits every chunk to the pool, in speaking order. */
    private List<SectionPlan> plan(EpisodeScript script) {
        List<SectionPlan> plan = new ArrayList<>();
        for (EpisodeScript.Section section : script.sections()) {
            String title = section.title() == null || section.title().isBlank()
                    ? (section.kind() == null ? "Section " + (plan.size() + 1) : section.kind().name())
                    : section.title().strip();
            String text = section.text() == null ? "" : section.text().strip();
            if (text.isEmpty()) {
                // Nothing was written for it: no chapter either (reported in the log, not spoken).
                LOG.warnf("script %s: section '%s' is empty and is left out", script.arxivId(), title);
                continue;
            }
            List<CuePlan> cues = new ArrayList<>();
            for (String sentence : SentenceSplitter.sentences(text)) {
                for (String piece : SentenceSplitter.pieces(sentence, settings.cueMaxChars())) {
                    String spoken = normalizer.normalize(piece);
                    if (!TextNormalizer.speakable(spoken)) {
                        continue;
                    }
                    List<Future<float[]>> parts = new ArrayList<>();
                    for (String chunk : SentenceSplitter.pieces(spoken, engine.maxChunkChars())) {
                        parts.add(pool.submit(() -> synthesize(chunk)));
                    }
                    cues.add(new CuePlan(plan.size(), piece, TextNormalizer.words(spoken), parts));
                }
            }
            if (cues.isEmpty()) {
                throw new RenderException("section-unspeakable", "section '" + title
                        + "' has no words a speech engine can say (only symbols or unsupported script): \""
                        + abbreviate(text) + "\"", false);
            }
            plan.add(new SectionPlan(title, cues));
        }
        if (plan.isEmpty()) {
            throw new RenderException("script-empty", "the script of " + script.arxivId() + " has no text to speak", false);
        }
        return plan;
    }

    private float[] synthesize(String chunk) {
        Pcm pcm = engine.synthesize(chunk);
        if (pcm == null || pcm.samples().length == 0) {
            throw new SpeechException("speech engine " + engine.id() + " returned no audio for \"" + abbreviate(chunk) + "\"", false);
        }
        Pcm resampled = Resampler.resample(pcm, settings.sampleRate());
        return trim(resampled.samples(), settings.sampleRate());
    }

    private float[] await(Future<float[]> f, SectionPlan section, CuePlan cue) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException("interrupted", "rendering was interrupted", true, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof SpeechException se) {
                throw new RenderException("engine-error", "speech engine " + engine.id() + " failed in section '"
                        + section.title() + "': " + se.getMessage(), se.retryable(), se);
            }
            if (c instanceof RenderException re) {
                throw re;
            }
            throw new RenderException("engine-error", "speech engine " + engine.id() + " failed in section '"
                    + section.title() + "' on \"" + abbreviate(cue.text()) + "\": " + c, false, c);
        }
    }

    /** Leading/trailing silence cut to 30 ms so the pauses we insert set the rhythm. */
    static float[] trim(float[] x, int rate) {
        float threshold = 0.004f;
        int keep = rate * 30 / 1000;
        int first = 0;
        while (first < x.length && Math.abs(x[first]) < threshold) {
            first++;
        }
        if (first == x.length) {
            return new float[0];
        }
        int last = x.length - 1;
        while (last > first && Math.abs(x[last]) < threshold) {
            last--;
        }
        int from = Math.max(0, first - keep);
        int to = Math.min(x.length, last + 1 + keep);
        return java.util.Arrays.copyOfRange(x, from, to);
    }

    /** Jingles sit 4 LU under the speech so they frame it without startling. */
    private void placeJingles(FloatBuffer program, float[] intro, float[] outro, int speechStart, int speechEnd,
            int outroAt) {
        int rate = settings.sampleRate();
        double speech = LoudnessMeter.integratedLoudness(program.array(), speechStart, speechEnd, rate);
        double jingle = LoudnessMeter.integratedLoudness(intro, intro.length, rate);
        float gain = Double.isInfinite(speech) || Double.isInfinite(jingle) ? 1f
                : (float) Math.pow(10, (speech - 4 - jingle) / 20);
        float[] x = program.array();
        for (int i = 0; i < intro.length; i++) {
            x[i] = intro[i] * gain;
        }
        for (int i = 0; i < outro.length; i++) {
            x[outroAt + i] = outro[i] * gain;
        }
    }

    private int ms(int millis) {
        return (int) ((long) settings.sampleRate() * millis / 1000);
    }

    private long toMs(long samples) {
        return Math.round(samples * 1000.0 / settings.sampleRate());
    }

    static String abbreviate(String text) {
        String t = text.replaceAll("\\s+", " ").strip();
        return t.length() <= 80 ? t : t.substring(0, 77) + "...";
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
