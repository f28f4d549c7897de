package dev.paperledge.ingest.service;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.PaperIngested;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Works through the paper table: every {@code paperledge.ingest.poll-every}, and at once after a
 * submission, it claims papers waiting for ingest and processes them one by one. A second job, the
 * re-publisher, sends the ingested events the broker never acknowledged (e.g. Kafka was down).
 * Rows are claimed with {@code FOR UPDATE SKIP LOCKED} and a lease, so several instances can share.
 */
@ApplicationScoped
public class IngestWorker {
    private static final Logger LOG = Logger.getLogger(IngestWorker.class);

    private final PaperStore papers;
    private final IngestProcessor processor;
    private final ObjectMapper json;
    private final Duration lease;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean republishing = new AtomicBoolean();
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ingest-nudge");
        t.setDaemon(true);
        return t;
    });

    public IngestWorker(PaperStore papers, IngestProcessor processor, ObjectMapper json,
            @ConfigProperty(name = "paperledge.ingest.lease", defaultValue = "2m") Duration lease) {
        this.papers = papers;
        this.processor = processor;
        this.json = json;
        this.lease = lease;
    }

    /** Starts draining now instead of at the next tick (called after a submission committed). */
    public void nudge() {
        nudges.execute(this::drain);
    }

    @Scheduled(every = "${paperledge.ingest.poll-every:1s}", delayed = "${paperledge.ingest.start-delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        drain();
    }

    @Scheduled(every = "${paperledge.ingest.republish-every:5s}", delayed = "${paperledge.ingest.start-delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void republishTick() {
        republish();
    }

    /** Ingests every waiting paper; returns how many were taken. */
    public int drain() {
        if (!draining.compareAndSet(false, true)) {
            return 0;
        }
        int n = 0;
        try {
            for (Optional<PaperStore.Claim> c; (c = papers.claimForIngest(lease)).isPresent();) {
                processor.process(c.get());
                n++;
            }
        } catch (RuntimeException e) {
            LOG.warnf("ingest worker: %s", e.toString());
        } finally {
            draining.set(false);
        }
        return n;
    }

    /** Re-sends the stored, unacknowledged ingested and failure events; returns how many went out. */
    public int republish() {
        if (!republishing.compareAndSet(false, true)) {
            return 0;
        }
        int sent = 0;
        try {
            for (Optional<PaperStore.Claim> c; (c = papers.claimForRepublish(lease)).isPresent();) {
                PaperStore.Claim claim = c.get();
                PaperIngested event = json.readValue(claim.pendingEvent(), PaperIngested.class);
                LOG.infof("%s: re-publishing the ingested event of run %d", claim.arxivId(), claim.run());
                if (!processor.send(claim.arxivId(), claim.run(), event)) {
                    break; // the broker is still away; try again at the next tick
                }
                sent++;
            }
            for (Object[] pending : papers.pendingFailures(20)) {
                if (!processor.sendFailure((String) pending[0], (String) pending[1])) {
                    break;
                }
                sent++;
            }
        } catch (Exception e) {
            LOG.warnf("re-publisher: %s", e.toString());
        } finally {
            republishing.set(false);
        }
        return sent;
    }

    @PreDestroy
    void stop() {
        nudges.shutdownNow();
    }
}
