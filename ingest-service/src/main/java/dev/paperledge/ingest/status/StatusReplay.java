package dev.paperledge.ingest.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.paperledge.contracts.Topics;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;

/**
 * Rebuilds the status projection from the topics: forgets what the projection derived from events
 * (later stages' rows, applied event ids, their timeline rows), keeps what ingest itself recorded,
 * then reads every status topic from the beginning up to its end as of now, through the same handler
 * as the live consumer. A plain consumer without a group does it, so the live consumer group's
 * offsets stay as they are; events both see are applied once ({@code processed_event}). Idempotent:
 * running it twice gives the same state. Only what the topics still retain can be replayed.
 */
@ApplicationScoped
public class StatusReplay {
    private static final Logger LOG = Logger.getLogger(StatusReplay.class);

    /** Records held at once to be applied in time order (bounds a full rebuild's memory). */
    static final int MAX_BUFFER = 100_000;

    private final StatusRecordHandler handler;
    private final StatusProjection projection;
    private final String bootstrap;
    private final boolean onStart;

    public StatusReplay(StatusRecordHandler handler, StatusProjection projection,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "paperledge.status.rebuild-on-start", defaultValue = "false") boolean onStart) {
        this.handler = handler;
        this.projection = projection;
        this.bootstrap = bootstrap;
        this.onStart = onStart;
    }

    /** What a rebuild did. */
    public record Result(int papers, long records, long applied, long skipped, long millis) {
    }

    void start(@Observes StartupEvent ev) {
        if (onStart) {
            Thread t = new Thread(() -> {
                try {
                    Result r = rebuild(null);
                    LOG.infof("status: rebuilt at start-up: %s", r);
                } catch (RuntimeException e) {
                    LOG.errorf("status: rebuild at start-up failed: %s", e.toString());
                }
            }, "status-rebuild");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Rebuilds every paper's status ({@code only} null) or only the given papers'. */
    public synchronized Result rebuild(Set<String> only) {
        long t0 = System.nanoTime();
        List<String> ids = reset(only);
        long[] counts = replay(only);
        Result r = new Result(ids.size(), counts[0], counts[1], counts[2], (System.nanoTime() - t0) / 1_000_000);
        LOG.infof("status: rebuild of %s done: %s", only == null ? "every paper" : only, r);
        return r;
    }

    /**
     * Forgets what the projection derived from events; returns the papers in scope, each recomputed from
     * what intake told it (the run, ingest's own rows).
     */
    @SuppressWarnings("unchecked")
    List<String> reset(Set<String> only) {
        List<String> ids = QuarkusTransaction.requiringNew().call(() -> {
            var em = Panache.getEntityManager();
            if (only == null) {
                em.createNativeQuery("DELETE FROM ingest.processed_event").executeUpdate();
                em.createNativeQuery("DELETE FROM ingest.stage_progress WHERE stage <> 'INGEST'").executeUpdate();
                em.createNativeQuery("DELETE FROM ingest.stage_transition WHERE stage <> 'INGEST'").executeUpdate();
                em.createNativeQuery("UPDATE ingest.paper_status SET episode_url = NULL").executeUpdate();
                return (List<String>) em.createNativeQuery("SELECT arxiv_id FROM ingest.paper_status").getResultList();
            }
            List<String> in = new ArrayList<>(only);
            for (String id : in) {
                em.createNativeQuery("DELETE FROM ingest.processed_event WHERE event_id LIKE ?1")
                        .setParameter(1, id.replace("%", "").replace("_", "\\_") + "v%").executeUpdate();
            }
            em.createNativeQuery("DELETE FROM ingest.stage_progress WHERE stage <> 'INGEST' AND arxiv_id IN (?1)")
                    .setParameter(1, in).executeUpdate();
            em.createNativeQuery("DELETE FROM ingest.stage_transition WHERE stage <> 'INGEST' AND arxiv_id IN (?1)")
                    .setParameter(1, in).executeUpdate();
            em.createNativeQuery("UPDATE ingest.paper_status SET episode_url = NULL WHERE arxiv_id IN (?1)")
                    .setParameter(1, in).executeUpdate();
            return in;
        });
        for (String id : ids) {
            QuarkusTransaction.requiringNew().run(() -> {
                StatusRecord p = StatusRecord.findById(id, LockModeType.PESSIMISTIC_WRITE);
                if (p != null) {
                    projection.recompute(p, "status rebuilt from the topics", null, null);
                }
            });
        }
        return ids;
    }

    /** Reads the status topics from the beginning to their current end; returns records, applied, skipped. */
    long[] replay(Set<String> only) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-service-status-replay");
        long records = 0;
        long applied = 0;
        long skipped = 0;
        List<StatusRecordHandler.Rec> buffer = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String topic : Topics.ALL) {
                var infos = c.partitionsFor(topic, Duration.ofSeconds(30));
                if (infos != null) {
                    infos.forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
                }
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(parts, Duration.ofSeconds(30)));
            end.entrySet().removeIf(e -> c.position(e.getKey(), Duration.ofSeconds(30)) >= e.getValue());
            while (!end.isEmpty()) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    Long stop = end.get(tp);
                    if (stop == null || r.offset() >= stop) {
                        continue;
                    }
                    records++;
                    if (only != null && (r.key() == null || !only.contains(r.key()))) {
                        continue;
                    }
                    buffer.add(new StatusRecordHandler.Rec(r.topic(), r.partition(), r.offset(), r.timestamp(),
                            r.key(), r.value(), r.headers()));
                    if (buffer.size() >= MAX_BUFFER) {
                        long[] n = applyInTimeOrder(buffer);
                        applied += n[0];
                        skipped += n[1];
                    }
                }
                end.entrySet().removeIf(e -> c.position(e.getKey(), Duration.ofSeconds(30)) >= e.getValue());
            }
        }
        long[] n = applyInTimeOrder(buffer);
        return new long[] { records, applied + n[0], skipped + n[1] };
    }

    /**
     * Applies buffered records in the order they were written (record time) rather than topic by
     * topic, so the rebuilt timeline reads as the pipeline ran. The state does not depend on it.
     */
    private long[] applyInTimeOrder(List<StatusRecordHandler.Rec> buffer) {
        buffer.sort(Comparator.comparingLong(StatusRecordHandler.Rec::timestamp));
        long applied = 0;
        long skipped = 0;
        for (StatusRecordHandler.Rec rec : buffer) {
            var outcome = handler.apply(rec);
            if (outcome == StatusProjection.Outcome.APPLIED || outcome == StatusProjection.Outcome.STALE) {
                applied++;
            } else {
                skipped++;
            }
        }
        buffer.clear();
        return new long[] { applied, skipped };
    }
}
