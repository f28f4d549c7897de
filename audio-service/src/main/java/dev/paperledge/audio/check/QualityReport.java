package dev.paperledge.audio.check;

import java.util.List;

/**
 * The listening check of one episode: stored as {@code quality.json} beside it.
 *
 * @param recognizer   which recogniser listened
 * @param engine       which speech engine spoke
 * @param baselineWer  the engine's clean-rendering word error the sections were judged against
 * @param passed       no section and no speaker is red
 * @param wer          word error over all sections (errors / words)
 * @param audioSeconds seconds of speech listened to
 * @param checkMs      wall time of the check, re-render included
 * @param checkCpuMs   CPU time the recogniser's processes used
 * @param speakers     each speaker over the episode, judged against the baseline of the speaker's own
 *                     engine (one red speaker fails the check however the sections average)
 */
public record QualityReport(String recognizer, String engine, double baselineWer, boolean passed, double wer,
        double audioSeconds, long checkMs, long checkCpuMs, List<SectionFigures> sections,
        List<SpeakerFigures> speakers) {

    public List<SectionFigures> red() {
        return sections.stream().filter(s -> SectionFigures.RED.equals(s.verdict())).toList();
    }

    public List<SpeakerFigures> redSpeakers() {
        return speakers.stream().filter(SpeakerFigures::red).toList();
    }
}
