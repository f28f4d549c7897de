package dev.paperledge.ingest.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.EpisodePublished;
import dev.paperledge.contracts.PaperIngested;
import dev.paperledge.contracts.PipelineEvent;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import dev.paperledge.ingest.status.StatusProjection.DeadLetter;
import dev.paperledge.ingest.status.StatusProjection.Outcome;
import dev.paperledge.stage.runner.DatabaseRetry;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns one Kafka record of a status topic into a projection call. Used by the live consumer and by
 * the replay, so both apply records the same way. Unreadable records are skipped with a warning (the
 * projection is a view and must not stop on one bad record). A database that is briefly away or a
 * transaction that lost a conflict (the live consumer against a rebuild) is waited out with the kit's
 * one database policy ({@link DatabaseRetry}), so no event is lost to a short outage; past the policy's
 * bound the record is skipped with an error naming the rebuild that repairs it.
 */
@ApplicationScoped
public class StatusRecordHandler {
    private static final Logger LOG = Logger.getLogger(StatusRecordHandler.class);

    /** The stage whose consumer reads each dead-letter topic's original topic. */
    static final Map<String, Stage> DLQ_STAGE = Map.of(Topics.deadLetter(Topics.PAPERS_INGESTED), Stage.SCRIPT,
            Topics.deadLetter(Topics.SCRIPTS_READY), Stage.AUDIO, Topics.deadLetter(Topics.AUDIO_READY), Stage.PUBLISH);

    private final StatusProjection projection;
    private final ObjectMapper json;
    private final DatabaseRetry databaseRetry;
    private final long inputMax;
    /** Reads a dead letter's value as one JSON value, each field once: what is kept must be plain JSON. */
    private final ObjectReader strict;

    public StatusRecordHandler(StatusProjection projection, ObjectMapper json, DatabaseRetry databaseRetry,
            @ConfigProperty(name = "paperledge.status.dead-letter-input-max", defaultValue = "256K") MemorySize inputMax) {
        this.projection = projection;
        this.json = json;
        this.databaseRetry = databaseRetry;
        this.inputMax = inputMax.asLongValue();
        this.strict = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** One record as the consumer sees it. */
    public record Rec(String topic, int partition, long offset, long timestamp, String key, String value,
            Headers headers) {
    }

    /** An event that is readable but not to be believed (see {@link EventTrust}). */
    private static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    /** Applies the record; null when it was skipped as unreadable or refused, or is not a status topic. */
    public Outcome apply(Rec r) {
        Call call;
        try {
            call = parse(r);
        } catch (Refused e) {
            LOG.warnf("status: refused the record on %s-%d@%d (key %s): %s", r.topic(), r.partition(), r.offset(),
                    r.key() == null ? "none" : clean(r.key(), 80), e.getMessage());
            return null;
        } catch (Exception e) {
            LOG.warnf("status: skipped an unreadable record on %s-%d@%d: %s", r.topic(), r.partition(), r.offset(),
                    e.getClass().getSimpleName());
            return null;
        }
        if (call == null) {
            return null;
        }
        // The kit's one database policy: an outage or a lost conflict is waited out; anything else
        // would fail the same way again.
        Outcome[] applied = new Outcome[1];
        try {
            databaseRetry.run(() -> applied[0] = call.run());
            return applied[0];
        } catch (RuntimeException e) {
            LOG.errorf("status: gave up applying %s-%d@%d: %s (POST /api/admin/status/rebuild repairs it)", r.topic(),
                    r.partition(), r.offset(), e.toString());
            return null;
        }
    }

    private interface Call {
        Outcome run();
    }

    private Call parse(Rec r) throws Exception {
        if (r.value() == null && !DLQ_STAGE.containsKey(r.topic())) {
            throw new IllegalArgumentException("no value");
        }
        switch (r.topic()) {
            case Topics.PAPERS_INGESTED: {
                PaperIngested e = trusted(read(r.value(), PaperIngested.class));
                return () -> projection.ingested(e);
            }
            case Topics.SCRIPTS_READY: {
                ScriptReady e = trusted(read(r.value(), ScriptReady.class));
                return () -> projection.succeeded(e, "script by " + e.writer() + ", " + e.wordCount() + " words");
            }
            case Topics.AUDIO_READY: {
                AudioReady e = trusted(read(r.value(), AudioReady.class));
                return () -> projection.succeeded(e, "audio " + e.durationMs() / 1000 + " s by " + e.speechEngine());
            }
            case Topics.EPISODES_PUBLISHED: {
                EpisodePublished e = trusted(read(r.value(), EpisodePublished.class));
                return () -> projection.succeeded(e, "published");
            }
            case Topics.PIPELINE_FAILURES: {
                StageFailed e = read(r.value(), StageFailed.class);
                if (e.failedStage() == null) {
                    throw new IllegalArgumentException("no failed stage");
                }
                return () -> projection.failed(e);
            }
            case Topics.PIPELINE_RETRIES: {
                RetryRequested e = read(r.value(), RetryRequested.class);
                if (e.retryStage() == null) {
                    throw new IllegalArgumentException("no retry stage");
                }
                return () -> projection.retried(e);
            }
            default:
                Stage stage = DLQ_STAGE.get(r.topic());
                if (stage == null) {
                    return null;
                }
                DeadLetter dl = deadLetter(r, stage);
                return () -> projection.deadLettered(dl);
        }
    }

    /**
     * The DLQ record carries the original payload (or not, if it was unreadable) and SmallRye's
     * headers. The record's key names the paper (as the original producer keyed it; a replay of one
     * paper selects by key too); the payload's {@code arxivId} only when there is no key.
     */
    private DeadLetter deadLetter(Rec r, Stage stage) {
        JsonNode n = null;
        if (r.value() != null) {
            try {
                n = strict.readTree(r.value());
            } catch (Exception e) {
                // an unreadable original (or one with trailing text or a field twice): the key still names the paper
            }
        }
        JsonNode payload = n != null && n.isObject() ? n : null;
        String arxivId = r.key() != null && !r.key().isBlank() ? r.key()
                : payload != null && payload.path("arxivId").isTextual() ? payload.get("arxivId").asText() : null;
        if (arxivId == null || arxivId.isBlank()) {
            throw new IllegalArgumentException("a dead letter without a paper");
        }
        Integer run = payload != null && payload.path("run").isInt() ? payload.get("run").asInt() : null;
        Integer version = payload != null && payload.path("version").isInt() ? payload.get("version").asInt() : null;
        String reason = header(r.headers(), "dead-letter-reason");
        String cause = header(r.headers(), "dead-letter-cause");
        String text = reason == null ? "no reason given" : reason;
        if (cause != null && !cause.isBlank() && !cause.equals(reason)) {
            // The cause is exception text: the log keeps it, the public reason does not.
            LOG.infof("%s: dead letter on %s, cause: %s", clean(arxivId, 80), r.topic(), clean(cause, 500));
        }
        String input = null;
        String unfit = unfitInput(r.value(), n, arxivId);
        if (unfit == null) {
            input = r.value();
        } else {
            LOG.infof("%s: the dead letter on %s-%d@%d keeps no input for a retry: %s", clean(arxivId, 80), r.topic(),
                    r.partition(), r.offset(), unfit);
        }
        String original = header(r.headers(), "dead-letter-topic");
        String id = arxivId + "v" + (version == null ? 0 : version) + "/dlq/" + r.topic() + "/" + r.partition() + "/"
                + r.offset();
        return new DeadLetter(id, arxivId, run, version, stage, clean(text, 500),
                original == null ? r.topic() : clean(original, 60) + " → " + r.topic(),
                r.timestamp() > 0 ? Instant.ofEpochMilli(r.timestamp()) : Instant.now(), input);
    }

    /**
     * Why a dead-lettered value is not kept as the stage's input for a retry, or null when it is: it
     * must be a JSON object of at most {@code paperledge.status.dead-letter-input-max} bytes naming
     * this paper, with an integer run and version when it names them (the projection compares those).
     */
    private String unfitInput(String value, JsonNode parsed, String arxivId) {
        if (value == null) {
            return "the record has no value";
        }
        long bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > inputMax) {
            return "it is larger than " + inputMax + " bytes (" + bytes + " bytes)";
        }
        if (parsed == null) {
            return "it is not JSON (or has text after it, or a field twice)";
        }
        if (!parsed.isObject()) {
            return "it is not a JSON object";
        }
        JsonNode named = parsed.path("arxivId");
        if (!named.isTextual() || !named.asText().equals(arxivId)) {
            return named.isTextual() ? "it names another paper (" + clean(named.asText(), 80) + ")"
                    : "it names no paper";
        }
        for (String field : List.of("run", "version")) {
            if (parsed.has(field) && !parsed.get(field).isInt()) {
                return "its " + field + " is not a number";
            }
        }
        return null;
    }

    private static <T extends PipelineEvent> T trusted(T event) throws Refused {
        List<String> problems = EventTrust.problems(event);
        if (!problems.isEmpty()) {
            throw new Refused(event.eventType() + " for " + clean(String.valueOf(event.arxivId()), 80) + ": "
                    + String.join("; ", problems));
        }
        return event;
    }

    private <T> T read(String value, Class<T> type) throws Exception {
        T t = json.readValue(value, type);
        if (t == null) {
            throw new IllegalArgumentException("null");
        }
        return t;
    }

    private static String header(Headers headers, String name) {
        if (headers == null) {
            return null;
        }
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Bounded, printable text (headers are foreign input). */
    static String clean(String s, int max) {
        String t = s.replaceAll("\\p{Cntrl}", " ").strip();
        return t.length() > max ? t.substring(0, max) + "…" : t;
    }
}
