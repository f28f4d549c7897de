package dev.paperledge.stage.runner;

import dev.paperledge.contracts.PipelineEvent;
import dev.paperledge.contracts.RetryRequested;

/** One production of one paper: what a stage's input, its recorded copy and its failure report are about. */
public record Production(String arxivId, int version, int run) {
    public static Production of(PipelineEvent event) {
        return new Production(event.arxivId(), event.version(), event.run());
    }

    public static Production of(RetryRequested retry) {
        return new Production(retry.arxivId(), retry.version(), retry.run());
    }

    @Override
    public String toString() {
        return arxivId + " v" + version + " r" + run;
    }
}
