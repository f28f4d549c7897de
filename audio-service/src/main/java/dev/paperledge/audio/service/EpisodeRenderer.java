package dev.paperledge.audio.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import dev.paperledge.audio.check.ListeningCheck;
import dev.paperledge.audio.check.QualityReport;
import dev.paperledge.audio.check.RecognizerException;
import dev.paperledge.audio.check.SectionFigures;
import dev.paperledge.audio.check.SectionTake;
import dev.paperledge.audio.check.SpeakerFigures;
import dev.paperledge.audio.check.SpeakerWords;
import dev.paperledge.audio.check.Signal;
import dev.paperledge.audio.check.WordErrors;
import dev.paperledge.audio.mix.FloatBuffer;
import dev.paperledge.audio.mix.Id3Tagger;
import dev.paperledge.audio.mix.Jingle;
import dev.paperledge.audio.mix.LoudnessMeter;
import dev.paperledge.audio.mix.Mastering;
import dev.paperledge.audio.mix.Mp3Decoder;
import dev.paperledge.audio.mix.Mp3Encoder;
import dev.paperledge.audio.mix.Mp3Frames;
import dev.paperledge.audio.mix.PaperLinks;
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
 * With a {@link ListeningCheck}, every section of the encoded episode is then listened to; a flagged
 * section is rendered once more, and if it is still flagged the episode fails
 * ({@link ListeningCheckFailed}). Plain Java (no CDI) so the benchmark can drive it directly.
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
    private final TextNormalizer normalizer;
    private final ExecutorService pool;
    private final ListeningCheck check;
    private final SpeechEngine fallback;
    private final java.util.function.Supplier<SpeechEngine> cohost;

    /** A second take of a flagged section is spoken in chunks no longer than this. */
    static final int RERENDER_CHUNK_CHARS = 80;
    private static final String TOO_SHORT = "audio-too-short";

    public EpisodeRenderer(SpeechEngine engine, RenderSettings settings) {
        this(engine, settings, null, null);
    }

    /**
     * @param check    listens to every section before the episode is returned; null: no check
     * @param fallback speaks a flagged section's second take; null: the same engine in shorter chunks
     */
    public EpisodeRenderer(SpeechEngine engine, RenderSettings settings, ListeningCheck check, SpeechEngine fallback) {
        this(engine, settings, check, fallback, new TextNormalizer());
    }

    /** @param normalizer rewrites the script for speech (with the configured pronunciation lexicon) */
    public EpisodeRenderer(SpeechEngine engine, RenderSettings settings, ListeningCheck check, SpeechEngine fallback,
            TextNormalizer normalizer) {
        this(engine, settings, check, fallback, normalizer, null);
    }

    /**
     * @param cohost the co-host's voice in a duo script, made when a duo script first needs it (a
     *               second MaryTTS voice or flite voice costs nothing for a solo show); null: the
     *               host's engine speaks both
     */
    public EpisodeRenderer(SpeechEngine engine, RenderSettings settings, ListeningCheck check, SpeechEngine fallback,
            TextNormalizer normalizer, java.util.function.Supplier<SpeechEngine> cohost) {
        this.cohost = cohost;
        this.normalizer = normalizer;
        this.engine = engine;
        this.settings = settings;
        this.check = check;
        this.fallback = fallback;
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

    /** One transcript cue, who says it, where in the paper it comes from, and the engine chunks that speak it. */
    private record CuePlan(int section, String text, String spoken, int words, String speaker, Timeline.Source source,
            SpeechEngine voice, List<Future<Part>> parts) {
    }

    /** A section's cues; {@code url} is its chapter's link into the paper. */
    private record SectionPlan(String title, String url, List<CuePlan> cues) {
    }

    /** An engine chunk as it goes into the program, and whether the engine cut it mid-sound. */
    record Part(float[] samples, boolean clipped) {
    }

    /** A spoken cue: its text as written, as spoken, its speaker and source, and its audio parts. */
    private record CueAudio(String text, String spoken, int words, String speaker, Timeline.Source source,
            SpeechEngine voice, List<float[]> parts) {
    }

    /** A section's audio, ready to be placed in the program. */
    private record SectionAudio(String title, String url, List<CueAudio> cues, boolean clipped) {
        String spoken() {
            return String.join(" ", cues.stream().map(CueAudio::spoken).toList());
        }
    }

    /** The mastered, encoded program and where each section's speech sits in it (samples). */
    private record Assembled(byte[] mp3, long durationMs, Timeline timeline, Mastering.Result loudness, int words,
            long speechSamples, List<int[]> speechSpans, List<int[]> cueEnds, long encodingMs) {
    }

    public RenderedEpisode render(EpisodeScript script, EpisodeInfo info) {
        long t0 = System.nanoTime();
        List<SectionPlan> plan = plan(script);
        List<SectionPlan> secondTakes = new ArrayList<>();
        try {
            List<SectionAudio> sections = new ArrayList<>();
            Map<Integer, List<String>> firstTakes = new HashMap<>();
            for (int i = 0; i < plan.size(); i++) {
                try {
                    sections.add(collect(plan.get(i)));
                } catch (RenderException e) {
                    if (check == null || !TOO_SHORT.equals(e.code())) {
                        throw e;
                    }
                    // No speech where speech was asked for: a flag like any other, so one more take.
                    LOG.warnf("section '%s' came back without speech (%s); rendering it again", plan.get(i).title(),
                            e.getMessage());
                    firstTakes.put(i, List.of("too-short"));
                    sections.add(collect(rerender(plan.get(i), secondTakes)));
                }
            }
            long synthesisMs = (System.nanoTime() - t0) / 1_000_000;
            Assembled a = assemble(sections, info);
            QualityReport quality = null;
            long checkMs = 0;
            if (check != null) {
                long tc = System.nanoTime();
                long cpu0 = ListeningCheck.childCpuMs();
                List<SectionTake> all = takes(a, sections, allIndexes(sections.size()));
                double voiceRate = ListeningCheck.medianSecondsPerWord(all);
                List<SectionFigures> figures = new ArrayList<>(listen(all, voiceRate, sections));
                firstTakes.forEach((i, flags) -> figures.set(i, figures.get(i).asRerenderOf(flags)));
                // A section is rendered at most twice: one already re-rendered is judged as it is.
                List<Integer> flagged = figures.stream().filter(f -> f.flagged() && !f.rerendered())
                        .map(SectionFigures::index).toList();
                if (!flagged.isEmpty()) {
                    for (int i : flagged) {
                        LOG.warnf("listening check flagged %s; rendering it again", figures.get(i).describe());
                        sections.set(i, collect(rerender(plan.get(i), secondTakes)));
                    }
                    a = assemble(sections, info);
                    List<SectionFigures> second = listen(takes(a, sections, flagged), voiceRate, sections);
                    for (SectionFigures f : second) {
                        figures.set(f.index(), f.asRerenderOf(figures.get(f.index()).flags()));
                    }
                }
                checkMs = (System.nanoTime() - tc) / 1_000_000;
                long cpu = ListeningCheck.childCpuMs() - cpu0;
                quality = report(figures, checkMs, cpu0 < 0 ? -1 : cpu);
                LOG.infof("listening check: %d sections, word error %.1f%% (%s baseline %.0f%%)%s, %s in %d ms (%d ms "
                        + "recogniser CPU) for %.1f s of speech", figures.size(), 100 * quality.wer(), engine.id(),
                        100 * quality.baselineWer(), quality.speakers().size() < 2 ? "" : "; "
                                + String.join("; ", quality.speakers().stream().map(SpeakerFigures::describe).toList()),
                        quality.passed() ? "passed" : "FAILED", checkMs, quality.checkCpuMs(), quality.audioSeconds());
                if (!quality.passed()) {
                    throw new ListeningCheckFailed(quality);
                }
            }
            return new RenderedEpisode(a.mp3(), a.durationMs(), a.timeline(),
                    TranscriptWriter.chaptersJson(a.timeline(), info.title()), TranscriptWriter.webVtt(a.timeline()),
                    TranscriptWriter.json(a.timeline()), a.loudness(), engine.id(), a.words(), toMs(a.speechSamples()), synthesisMs, a.encodingMs(), checkMs,
                    quality);
        } finally {
            for (List<SectionPlan> plans : List.of(plan, secondTakes)) {
                for (SectionPlan s : plans) {
                    for (CuePlan c : s.cues()) {
                        c.parts().forEach(f -> f.cancel(true));
                    }
                }
            }
        }
    }

    private static List<Integer> allIndexes(int n) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        return all;
    }

    private QualityReport report(List<SectionFigures> figures, long checkMs, long cpuMs) {
        int words = 0;
        int errors = 0;
        double seconds = 0;
        for (SectionFigures f : figures) {
            words += f.words();
            errors += f.wordErrors();
            seconds += f.seconds();
        }
        List<SpeakerFigures> speakers = check.speakers(figures);
        boolean passed = figures.stream().noneMatch(f -> SectionFigures.RED.equals(f.verdict()))
                && speakers.stream().noneMatch(SpeakerFigures::red);
        return new QualityReport(check.recognizer().id(), engine.id(), check.settings().baselineWer(), passed,
                Math.round(1000.0 * errors / Math.max(1, words)) / 1000.0, Math.round(seconds * 10) / 10.0, checkMs,
                cpuMs, List.copyOf(figures), speakers);
    }

    private List<SectionFigures> listen(List<SectionTake> takes, double voiceRate, List<SectionAudio> sections) {
        // A suspect section is compared with the bare engine speaking the same words in the same
        // voices: in a duo, each speaker's sentences by that speaker's voice.
        Map<String, List<CueAudio>> heardCues = new HashMap<>();
        for (SectionTake t : takes) {
            List<CueAudio> cues = new ArrayList<>();
            List<String> said = new ArrayList<>();
            for (CueAudio c : sections.get(t.index()).cues()) {
                if (String.join(" ", said).equals(t.spokenText())) {
                    break;
                }
                cues.add(c);
                said.add(c.spoken());
            }
            heardCues.put(t.spokenText(), cues);
        }
        try {
            return check.check(takes, voiceRate, text -> {
                List<CueAudio> cues = heardCues.get(text);
                boolean oneVoice = cues == null || cues.stream().allMatch(c -> c.voice() == engine);
                return oneVoice ? bare(text) : bare(cues);
            });
        } catch (RecognizerException e) {
            throw new RenderException("listening-check-error", "the listening check could not run: " + e.getMessage(),
                    true, e);
        }
    }

    /**
     * The sections' speech as it ships: decoded from the MP3, with a little of the pauses around it;
     * the recogniser hears whole sentences from the start up to the check's budget per section.
     */
    private List<SectionTake> takes(Assembled a, List<SectionAudio> sections, List<Integer> which) {
        Pcm decoded = Mp3Decoder.decode(a.mp3());
        float[] x = decoded.samples();
        int rate = decoded.sampleRate();
        int margin = rate * 150 / 1000;
        double budget = check.settings().listenSeconds();
        List<SectionTake> takes = new ArrayList<>();
        for (int i : which) {
            int[] span = a.speechSpans().get(i);
            int from = Math.max(0, span[0] - margin);
            int to = Math.min(x.length, span[1] + margin);
            SectionAudio s = sections.get(i);
            int[] cueEnds = a.cueEnds().get(i);
            int heard = 0;
            List<String> spoken = new ArrayList<>();
            List<SpeakerWords> speakers = new ArrayList<>();
            while (heard < cueEnds.length && (heard == 0 || budget <= 0
                    || cueEnds[heard] - span[0] <= budget * settings.sampleRate())) {
                CueAudio cue = s.cues().get(heard);
                spoken.add(cue.spoken());
                speakers.add(new SpeakerWords(cue.speaker(), cue.voice().id(), WordErrors.words(cue.spoken()).size()));
                heard++;
            }
            int listenTo = heard == cueEnds.length ? to - from : cueEnds[heard - 1] + margin - from;
            takes.add(new SectionTake(i, s.title(), String.join(" ", spoken),
                    new Pcm(java.util.Arrays.copyOfRange(x, from, Math.max(from, to)), rate), listenTo,
                    WordErrors.words(s.spoken()).size(), (span[1] - span[0]) / (double) settings.sampleRate(),
                    s.clipped(), List.copyOf(speakers)));
        }
        return takes;
    }

    /** The bare engine speaking text: its own output, one call per chunk, no mixing, mastering or MP3. */
    private Pcm bare(String spoken) {
        FloatBuffer out = new FloatBuffer(settings.sampleRate() * 10);
        int rate = settings.sampleRate();
        for (String chunk : SentenceSplitter.pieces(spoken, engine.maxChunkChars())) {
            Pcm pcm = Resampler.resample(engine.synthesize(chunk), rate);
            out.addAll(pcm.samples(), 0, pcm.samples().length);
            out.addSilence(ms(settings.sentencePauseMs()));
        }
        return new Pcm(out.toArray(), rate);
    }

    /** The bare engines speaking cues, each in its own voice. */
    private Pcm bare(List<CueAudio> cues) {
        FloatBuffer out = new FloatBuffer(settings.sampleRate() * 10);
        int rate = settings.sampleRate();
        for (CueAudio cue : cues) {
            for (String chunk : SentenceSplitter.pieces(cue.spoken(), cue.voice().maxChunkChars())) {
                Pcm pcm = Resampler.resample(cue.voice().synthesize(chunk), rate);
                out.addAll(pcm.samples(), 0, pcm.samples().length);
                out.addSilence(ms(settings.sentencePauseMs()));
            }
        }
        return new Pcm(out.toArray(), rate);
    }

    /**
     * A second take of a flagged section: the fallback engine if one is configured, and the text in
     * shorter chunks (clause by clause), so neither the same engine call nor the same chunk repeats.
     */
    private SectionPlan rerender(SectionPlan section, List<SectionPlan> started) {
        List<CuePlan> cues = new ArrayList<>();
        for (CuePlan cue : section.cues()) {
            SpeechEngine second = fallback != null && cue.voice() == engine ? fallback : cue.voice();
            List<Future<Part>> parts = new ArrayList<>();
            for (String chunk : SentenceSplitter.pieces(cue.spoken(), RERENDER_CHUNK_CHARS)) {
                parts.add(pool.submit(() -> synthesize(second, chunk)));
            }
            cues.add(new CuePlan(cue.section(), cue.text(), cue.spoken(), cue.words(), cue.speaker(), cue.source(),
                    cue.voice(), parts));
        }
        SectionPlan take = new SectionPlan(section.title(), section.url(), cues);
        started.add(take);
        return take;
    }

    /** Waits for a section's chunks and applies the rules every rendering must meet. */
    private SectionAudio collect(SectionPlan section) {
        int rate = settings.sampleRate();
        List<CueAudio> cues = new ArrayList<>();
        boolean clipped = false;
        long sectionSpeech = 0;
        for (CuePlan cue : section.cues()) {
            List<float[]> parts = new ArrayList<>();
            long cueSpeech = 0;
            for (Future<Part> f : cue.parts()) {
                Part part = await(f, section, cue);
                parts.add(part.samples());
                clipped |= part.clipped();
                cueSpeech += part.samples().length;
            }
            double seconds = cueSpeech / (double) rate;
            if (seconds < settings.minSecondsPerWord() * cue.words()) {
                throw new RenderException(TOO_SHORT, String.format(java.util.Locale.ROOT,
                        "speech engine %s produced %.2f s of audio for %d words in section '%s' (\"%s\"): "
                                + "too short to be speech",
                        engine.id(), seconds, cue.words(), section.title(), abbreviate(cue.text())), false);
            }
            sectionSpeech += cueSpeech;
            cues.add(new CueAudio(cue.text(), cue.spoken(), cue.words(), cue.speaker(), cue.source(), cue.voice(), parts));
        }
        if (sectionSpeech == 0) {
            throw new RenderException("section-empty", "section '" + section.title() + "' produced no audio", false);
        }
        return new SectionAudio(section.title(), section.url(), cues, clipped);
    }

    /** Joins the sections with pauses and jingles, masters, encodes and tags. */
    private Assembled assemble(List<SectionAudio> sections, EpisodeInfo info) {
        int rate = settings.sampleRate();
        FloatBuffer program = new FloatBuffer(rate * 60);
        float[] intro = settings.jingle() ? Jingle.intro(rate) : new float[0];
        program.addSilence(intro.length);
        if (intro.length > 0) {
            program.addSilence(ms(700));
        }
        int speechStart = program.size();
        List<long[]> chapterSpans = new ArrayList<>();
        List<int[]> speechSpans = new ArrayList<>();
        List<int[]> cueEnds = new ArrayList<>();
        List<Timeline.Cue> cues = new ArrayList<>();
        long speechSamples = 0;
        int words = 0;
        for (int s = 0; s < sections.size(); s++) {
            SectionAudio section = sections.get(s);
            if (s > 0) {
                program.addSilence(ms(settings.sectionPauseMs()));
            }
            int sectionStart = program.size();
            int[] ends = new int[section.cues().size()];
            for (int c = 0; c < section.cues().size(); c++) {
                CueAudio cue = section.cues().get(c);
                if (c > 0) {
                    // A change of speaker gets the short gap of a conversation, longer than a sentence's.
                    boolean turn = !cue.speaker().equals(section.cues().get(c - 1).speaker());
                    program.addSilence(ms(turn ? settings.turnPauseMs() : settings.sentencePauseMs()));
                }
                int cueStart = program.size();
                for (int p = 0; p < cue.parts().size(); p++) {
                    if (p > 0) {
                        program.addSilence(ms(settings.clausePauseMs()));
                    }
                    float[] part = cue.parts().get(p);
                    program.addAll(part, 0, part.length);
                    speechSamples += part.length;
                }
                cues.add(new Timeline.Cue(cue.text(), toMs(cueStart), toMs(program.size()), cue.speaker(),
                        cue.source()));
                ends[c] = program.size();
                words += cue.words();
            }
            chapterSpans.add(new long[] {sectionStart, program.size()});
            speechSpans.add(new int[] {sectionStart, program.size()});
            cueEnds.add(ends);
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
            chapters.add(new Timeline.Chapter(sections.get(i).title(), start, end, toMs(chapterSpans.get(i)[0]),
                    sections.get(i).url()));
        }
        Timeline timeline = new Timeline(chapters, cues, durationMs);
        byte[] mp3 = Id3Tagger.tag(frames, new Id3Tagger.Tags(info.title(), "PaperLedge", info.album(), info.year(),
                info.comment()), chapters);
        long encodingMs = (System.nanoTime() - t1) / 1_000_000;
        LOG.debugf("rendered %d words: %d ms audio, mastering+encoding %d ms, %.1f LUFS", words, durationMs,
                encodingMs, loudness.outputLufs());
        return new Assembled(mp3, durationMs, timeline, loudness, words, speechSamples, speechSpans, cueEnds,
                encodingMs);
    }

    /**
     * Splits and normalises the script and submits every chunk to the pool, in speaking order. Each
     * cue keeps the script's words (the transcript's) and, for a line from the paper, its source.
     */
    private List<SectionPlan> plan(EpisodeScript script) {
        List<SectionPlan> plan = new ArrayList<>();
        PaperLinks links = PaperLinks.of(script.arxivId(), script.version());
        if (links == null) {
            LOG.warnf("script %s: not an arXiv identifier, so no links into the paper", script.arxivId());
        }
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
            SectionSources sources = new SectionSources(section, links);
            for (EpisodeScript.Line line : turns(script, section, text)) {
                SpeechEngine voice = voiceOf(script, line.speaker());
                for (String sentence : SentenceSplitter.sentences(line.text())) {
                    for (String piece : SentenceSplitter.pieces(sentence, settings.cueMaxChars())) {
                        Timeline.Source source = sources.next(piece);
                        String spoken = normalizer.normalize(piece);
                        if (!TextNormalizer.speakable(spoken)) {
                            continue;
                        }
                        List<Future<Part>> parts = new ArrayList<>();
                        for (String chunk : SentenceSplitter.pieces(spoken, voice.maxChunkChars())) {
                            parts.add(pool.submit(() -> synthesize(voice, chunk)));
                        }
                        cues.add(new CuePlan(plan.size(), piece, spoken, TextNormalizer.words(spoken), line.speaker(),
                                source, voice, parts));
                    }
                }
            }
            if (cues.isEmpty()) {
                throw new RenderException("section-unspeakable", "section '" + title
                        + "' has no words a speech engine can say (only symbols or unsupported script): \""
                        + abbreviate(text) + "\"", false);
            }
            plan.add(new SectionPlan(title, sources.chapterUrl(), cues));
        }
        if (plan.isEmpty()) {
            throw new RenderException("script-empty", "the script of " + script.arxivId() + " has no text to speak", false);
        }
        return plan;
    }

    /** Who says what in a section: a duo script's lines, else the whole text by the host. */
    private List<EpisodeScript.Line> turns(EpisodeScript script, EpisodeScript.Section section, String text) {
        if (script.isDuo() && !section.lines().isEmpty()) {
            return section.lines().stream().filter(l -> l.text() != null && !l.text().isBlank()).toList();
        }
        String host = script.hosts().isEmpty() ? settings.speaker() : script.hosts().get(0).name();
        return List.of(new EpisodeScript.Line(host, text));
    }

    /** The co-host's voice for the co-host's lines of a duo script; the host's engine for everything else. */
    private SpeechEngine voiceOf(EpisodeScript script, String speaker) {
        boolean isCohost = script.isDuo() && script.hosts().stream()
                .anyMatch(h -> h.name().equals(speaker) && EpisodeScript.Host.COHOST.equals(h.role()));
        return isCohost && cohost != null ? cohost.get() : engine;
    }

    private Part synthesize(SpeechEngine voice, String chunk) {
        Pcm pcm = voice.synthesize(chunk);
        if (pcm == null || pcm.samples().length == 0) {
            throw new SpeechException("speech engine " + voice.id() + " returned no audio for \"" + abbreviate(chunk) + "\"", false);
        }
        Pcm resampled = Resampler.resample(pcm, settings.sampleRate());
        float[] x = resampled.samples();
        int rate = settings.sampleRate();
        // Judged on the engine's own output, before trimming: a clean rendering starts and ends quiet.
        boolean clipped = check != null && (Signal.clippedStart(x, rate) || Signal.clippedEnd(x, rate));
        return new Part(trim(x, rate), clipped);
    }

    private Part await(Future<Part> f, SectionPlan section, CuePlan cue) {
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
        if (check != null) {
            check.close();
        }
        if (fallback != null) {
            fallback.close();
        }
    }
}
