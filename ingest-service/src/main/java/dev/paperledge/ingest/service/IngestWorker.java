package dev.paperledge.ingest.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 * While a paper is ingested its lease is renewed every quarter lease (a heartbeat), so a slow but
 * live ingest is never claimed a second time; a dead worker's lease runs out as before. The heartbeat
 * stops after {@code paperledge.ingest.max-hold}, far beyond the longest bounded ingest, so a try that
 * hangs in spite of every deadline still gives its paper back.
 */
@ApplicationScoped
public class IngestWorker {
    private static final Logger LOG = Logger.getLogger(IngestWorker.class);

    private final PaperStore papers;
    private final IngestStage processor;
    private final ObjectMapper json;
    private final Duration lease;
    private final Duration maxHold;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean republishing = new AtomicBoolean();
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ingest-nudge");
        t.setDaemon(true);
        return t;
    });

    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ingest-lease");
        t.setDaemon(true);
        return t;
    });

    public IngestWorker(PaperStore papers, IngestStage processor, ObjectMapper json,
            @ConfigProperty(name = "paperledge.ingest.lease", defaultValue = "2m") Duration lease,
            @ConfigProperty(name = "paperledge.ingest.max-hold", defaultValue = "30m") Duration maxHold) {
        this.papers = papers;
        this.processor = processor;
        this.json = json;
        this.lease = lease;
        this.maxHold = maxHold;
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
                Renewal renewal = new Renewal(c.get());
                try {
                    processor.process(c.get());
                } finally {
                    renewal.stop();
                }
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

    /** The heartbeat of one claim: renews its lease every quarter lease until stopped or max-hold is reached. */
    private final class Renewal implements Runnable {
        private final PaperStore.Claim claim;
        private final Instant giveUpAt = Instant.now().plus(maxHold);
        private volatile ScheduledFuture<?> task;

        Renewal(PaperStore.Claim claim) {
            this.claim = claim;
            long every = Math.max(10, lease.toMillis() / 4);
            this.task = heartbeat.scheduleWithFixedDelay(this, every, every, TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            Instant now = Instant.now();
            if (now.isAfter(giveUpAt)) {
                LOG.warnf("%s: still ingesting after %s; its lease is no longer renewed, so another claim may take"
                        + " it", claim.arxivId(), maxHold);
                stop();
                return;
            }
            try {
                if (!papers.renewLease(claim, now.plus(lease))) {
                    stop(); // recorded, failed, queued or taken over: nothing to hold any more
                }
            } catch (RuntimeException e) {
                // The database is away: the next beat tries again (the lease covers three missed beats).
                LOG.warnf("%s: could not renew the ingest lease: %s", claim.arxivId(), e.toString());
            }
        }

        void stop() {
            ScheduledFuture<?> t = task;
            if (t != null) {
                t.cancel(false);
            }
        }
    }

    @PreDestroy
    void stop() {
        nudges.shutdownNow();
        heartbeat.shutdownNow();
    }
}
