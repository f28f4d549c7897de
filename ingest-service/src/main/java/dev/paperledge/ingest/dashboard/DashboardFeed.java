package dev.paperledge.ingest.dashboard;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jboss.logging.Logger;

import dev.paperledge.ingest.domain.Paper;
import dev.paperledge.ingest.rest.PaperView;
import dev.paperledge.ingest.rest.Views;
import dev.paperledge.ingest.status.PaperChanged;
import dev.paperledge.ingest.status.PipelineStats;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * The dashboard's live feed: after each committed change of a paper, its fresh view (read once, for
 * every open dashboard); every few seconds the pipeline's figures. Changes that come in a burst for
 * one paper are sent once.
 */
@ApplicationScoped
public class DashboardFeed {
    private static final Logger LOG = Logger.getLogger(DashboardFeed.class);

    /** One server-sent event: {@code type} "paper" (with {@code paper}) or "stats" (with {@code stats}). */
    public record Update(String type, PaperView paper, PipelineStats.Stats stats) {
    }

    private final BroadcastProcessor<Update> processor = BroadcastProcessor.create();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dashboard-feed");
        t.setDaemon(true);
        return t;
    });
    private final PipelineStats stats;

    public DashboardFeed(PipelineStats stats) {
        this.stats = stats;
    }

    /**
     * Every update from now on. A client too slow to keep up never holds the others up: past 1,024
     * waiting updates its stream ends, and the page reconnects and reloads its snapshot.
     */
    public Multi<Update> updates() {
        return processor.onOverflow().buffer(1024);
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) PaperChanged e) {
        if (pending.add(e.arxivId())) {
            loader.execute(this::flush);
        }
    }

    private void flush() {
        try {
            List<String> ids = List.copyOf(pending);
            pending.removeAll(ids);
            if (ids.isEmpty()) {
                return;
            }
            List<PaperView> views = QuarkusTransaction.requiringNew()
                    .call(() -> Views.withStages(Paper.<Paper>list("arxivId in ?1", ids)));
            views.forEach(v -> processor.onNext(new Update("paper", v, null)));
        } catch (RuntimeException ex) {
            LOG.debugf("dashboard feed: %s", ex.toString());
        }
    }

    @Scheduled(every = "${paperledge.dashboard.stats-every:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        PipelineStats.Stats s = stats.computeQuietly();
        if (s != null) {
            processor.onNext(new Update("stats", null, s));
        }
    }

    @PreDestroy
    void stop() {
        loader.shutdownNow();
        processor.onComplete();
    }
}
