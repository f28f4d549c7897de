package dev.paperledge.ingest.status;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.EpisodePublished;
import dev.paperledge.contracts.PipelineEvent;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.StageFailed;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Feeds the status projection from the pipeline's topics (scripts.ready, audio.ready,
 * episodes.published, pipeline.failures). A record that cannot be read arrives as null and is
 * skipped with a warning: the projection is a view, it must not stop on one bad record.
 */
@ApplicationScoped
public class StatusEventsConsumer {
    private static final Logger LOG = Logger.getLogger(StatusEventsConsumer.class);

    private final StatusProjection projection;

    public StatusEventsConsumer(StatusProjection projection) {
        this.projection = projection;
    }

    @Incoming("scripts-in")
    @Blocking
    public void scriptReady(ScriptReady e) {
        apply(e, () -> projection.succeeded(e, "script by " + e.writer() + ", " + e.wordCount() + " words"));
    }

    @Incoming("audio-in")
    @Blocking
    public void audioReady(AudioReady e) {
        apply(e, () -> projection.succeeded(e, "audio " + e.durationMs() / 1000 + " s by " + e.speechEngine()));
    }

    @Incoming("published-in")
    @Blocking
    public void published(EpisodePublished e) {
        apply(e, () -> projection.succeeded(e, "published " + e.episodeUrl()));
    }

    @Incoming("failures-in")
    @Blocking
    public void failed(StageFailed e) {
        apply(e, () -> projection.failed(e));
    }

    private void apply(PipelineEvent e, java.util.function.Supplier<StatusProjection.Outcome> action) {
        if (e == null || e.arxivId() == null || e.stage() == null) {
            LOG.warn("status: skipped an unreadable event");
            return;
        }
        StatusProjection.Outcome outcome = action.get();
        LOG.debugf("status: %s %s -> %s", e.eventType(), e.arxivId(), outcome);
    }
}
