package dev.paperledge.ingest.status;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The pipeline's figures, from the projection's tables: papers per status (also the
 * {@code paperledge_papers{status}} gauge), papers published in the last 15 minutes and per minute,
 * and the submit → published latency (p50/p95) over the last 100 published productions.
 */
@ApplicationScoped
public class PipelineStats {
    private static final Logger LOG = Logger.getLogger(PipelineStats.class);
    static final int WINDOW_MINUTES = 15;
    static final int LATENCY_SAMPLE = 100;

    /** The figures at one moment. */
    public record Stats(long inProgress, long published, long failed, Map<PaperStatus, Long> byStatus,
            long publishedLast15m, double publishedPerMinute, Long latencyP50Ms, Long latencyP95Ms, int latencySample) {
    }

    private final Map<PaperStatus, AtomicLong> gauges = new EnumMap<>(PaperStatus.class);
    private volatile Stats last;

    public PipelineStats(MeterRegistry registry) {
        for (PaperStatus s : PaperStatus.values()) {
            AtomicLong v = new AtomicLong();
            gauges.put(s, v);
            Gauge.builder("paperledge.papers", v, AtomicLong::get).description("Papers by pipeline status")
                    .tag("status", s.name()).register(registry);
        }
    }

    /** The last figures computed (null before the first). */
    public Stats last() {
        return last;
    }

    /** Computes the figures now (and updates the gauge). */
    @SuppressWarnings("unchecked")
    public Stats compute() {
        Stats s = QuarkusTransaction.requiringNew().call(() -> {
            var em = Panache.getEntityManager();
            Map<PaperStatus, Long> by = new EnumMap<>(PaperStatus.class);
            for (PaperStatus st : PaperStatus.values()) {
                by.put(st, 0L);
            }
            for (Object[] row : (List<Object[]>) em
                    .createNativeQuery("SELECT status, count(*) FROM ingest.paper_status GROUP BY status").getResultList()) {
                try {
                    by.put(PaperStatus.valueOf((String) row[0]), ((Number) row[1]).longValue());
                } catch (IllegalArgumentException e) {
                    // a status this version does not know: not counted
                }
            }
            long recent = ((Number) em.createNativeQuery("""
                    SELECT count(*) FROM ingest.stage_progress sp JOIN ingest.paper_status p
                      ON p.arxiv_id = sp.arxiv_id AND p.run = sp.run
                    WHERE sp.stage = 'PUBLISH' AND sp.succeeded_at > now() - make_interval(mins => ?1)""")
                    .setParameter(1, WINDOW_MINUTES).getSingleResult()).longValue();
            Object[] lat = (Object[]) em.createNativeQuery("""
                    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms),
                           percentile_cont(0.95) WITHIN GROUP (ORDER BY ms), count(*)
                    FROM (SELECT GREATEST(0, extract(epoch FROM (sp.succeeded_at - p.run_started_at)) * 1000) AS ms
                          FROM ingest.stage_progress sp JOIN ingest.paper_status p
                            ON p.arxiv_id = sp.arxiv_id AND p.run = sp.run
                          WHERE sp.stage = 'PUBLISH' AND sp.succeeded_at IS NOT NULL AND p.run_started_at IS NOT NULL
                          ORDER BY sp.succeeded_at DESC LIMIT ?1) recent""").setParameter(1, LATENCY_SAMPLE)
                    .getSingleResult();
            long published = by.get(PaperStatus.PUBLISHED);
            long failed = by.get(PaperStatus.FAILED);
            long inProgress = by.get(PaperStatus.REQUESTED) + by.get(PaperStatus.INGESTED) + by.get(PaperStatus.SCRIPTED)
                    + by.get(PaperStatus.VOICED);
            return new Stats(inProgress, published, failed, by, recent, Math.round(recent * 100.0 / WINDOW_MINUTES) / 100.0,
                    lat[0] == null ? null : Math.round(((Number) lat[0]).doubleValue()),
                    lat[1] == null ? null : Math.round(((Number) lat[1]).doubleValue()), ((Number) lat[2]).intValue());
        });
        s.byStatus().forEach((k, v) -> gauges.get(k).set(v));
        last = s;
        return s;
    }

    /** As {@link #compute()}, but never throws (the database may be restarting): the last figures then. */
    public Stats computeQuietly() {
        try {
            return compute();
        } catch (RuntimeException e) {
            LOG.debugf("stats: %s", e.toString());
            return last;
        }
    }
}
