package dev.paperledge.audio.service;

import java.util.stream.Collectors;

import dev.paperledge.audio.check.QualityReport;
import dev.paperledge.audio.check.SectionFigures;

/**
 * A section still failed the listening check after it was rendered again, or one speaker's words are
 * out of the bounds of that speaker's engine over the episode: the episode must not be
 * published. Permanent (the same script and engine would fail the same way); the reason names
 * each section and its figures.
 */
public class ListeningCheckFailed extends RenderException {
    private final transient QualityReport report;

    public ListeningCheckFailed(QualityReport report) {
        super("listening-check-failed", "listening check failed after a re-render (" + report.engine() + ", heard by "
                + report.recognizer() + ", engine baseline word error "
                + Math.round(100 * report.baselineWer()) + "%): "
                + java.util.stream.Stream.concat(report.red().stream().map(SectionFigures::describe),
                        report.redSpeakers().stream().map(s -> "over the episode, " + s.describe()))
                        .collect(Collectors.joining("; ")), false);
        this.report = report;
    }

    public QualityReport report() {
        return report;
    }
}
