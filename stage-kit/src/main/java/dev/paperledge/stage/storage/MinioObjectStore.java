package dev.paperledge.stage.storage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@link ObjectStore} over the MinIO client (S3Proxy locally, MinIO or any S3 in production).
 * One retry policy for the store: a stage's reads and writes ride out an outage of up to three
 * minutes with exponential backoff (200 ms to 5 s); the ranged reads and stats that answer HTTP
 * requests retry briefly (4 times), so a listener is not kept waiting. A missing object is never
 * retried. Both are MicroProfile Fault Tolerance settings, changeable per method in configuration.
 */
@ApplicationScoped
public class MinioObjectStore implements ObjectStore {
    private static final Logger LOG = Logger.getLogger(MinioObjectStore.class);

    private final MinioClient minio;
    private final String bucket;

    public MinioObjectStore(MinioClient minio, @ConfigProperty(name = "paperledge.storage.bucket") String bucket) {
        this.minio = minio;
        this.bucket = bucket;
    }

    /** Fresh machines and tests start without the bucket; a store that is down now shows in readiness. */
    void onStart(@Observes StartupEvent ev) {
        try {
            ensureBucket();
        } catch (ObjectStoreUnavailable e) {
            LOG.warnf("object store not reachable at start-up: %s", e.getMessage());
        }
    }

    @Override
    @Retry(maxRetries = 20, delay = 200, delayUnit = ChronoUnit.MILLIS, maxDuration = 180, durationUnit = ChronoUnit.SECONDS,
            retryOn = ObjectStoreUnavailable.class)
    @ExponentialBackoff(maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    public void put(String key, byte[] content, String contentType, Map<String, String> userMetadata) {
        try {
            minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                    .stream(new ByteArrayInputStream(content), content.length, -1).contentType(contentType)
                    .userMetadata(userMetadata == null ? Map.of() : userMetadata).build());
        } catch (Exception e) {
            throw unavailable("write " + key, e);
        }
    }

    @Override
    @Retry(maxRetries = 20, delay = 200, delayUnit = ChronoUnit.MILLIS, maxDuration = 180, durationUnit = ChronoUnit.SECONDS,
            retryOn = ObjectStoreUnavailable.class)
    @ExponentialBackoff(maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    public Optional<byte[]> get(String key) {
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return Optional.of(in.readAllBytes());
        } catch (ErrorResponseException e) {
            if (missing(e)) {
                return Optional.empty();
            }
            throw unavailable("read " + key, e);
        } catch (Exception e) {
            throw unavailable("read " + key, e);
        }
    }

    @Override
    @Retry(maxRetries = 4, delay = 200, delayUnit = ChronoUnit.MILLIS, retryOn = ObjectStoreUnavailable.class)
    @ExponentialBackoff(maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    public Optional<ObjectInfo> stat(String key) {
        try {
            StatObjectResponse r = minio.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return Optional.of(new ObjectInfo(key, r.size(), r.lastModified() == null ? null : r.lastModified().toInstant(),
                    r.userMetadata() == null ? Map.of() : lowerKeys(r.userMetadata())));
        } catch (ErrorResponseException e) {
            if (missing(e)) {
                return Optional.empty();
            }
            throw unavailable("stat " + key, e);
        } catch (Exception e) {
            throw unavailable("stat " + key, e);
        }
    }

    @Override
    @Retry(maxRetries = 4, delay = 200, delayUnit = ChronoUnit.MILLIS, retryOn = ObjectStoreUnavailable.class)
    @ExponentialBackoff(maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    public InputStream read(String key, long offset, long length) {
        try {
            GetObjectArgs.Builder b = GetObjectArgs.builder().bucket(bucket).object(key);
            if (offset > 0 || length >= 0) {
                b.offset(offset);
                if (length >= 0) {
                    b.length(length);
                }
            }
            return minio.getObject(b.build());
        } catch (Exception e) {
            throw unavailable("read " + key, e);
        }
    }

    @Override
    @Retry(maxRetries = 20, delay = 200, delayUnit = ChronoUnit.MILLIS, maxDuration = 180, durationUnit = ChronoUnit.SECONDS,
            retryOn = ObjectStoreUnavailable.class)
    @ExponentialBackoff(maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    public void remove(String key) {
        try {
            minio.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw unavailable("remove " + key, e);
        }
    }

    @Override
    public void ensureBucket() {
        try {
            if (!minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                LOG.infof("created bucket %s", bucket);
            }
        } catch (Exception e) {
            throw unavailable("create bucket " + bucket, e);
        }
    }

    @Override
    public boolean ready() {
        try {
            return minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean missing(ErrorResponseException e) {
        String code = e.errorResponse() == null ? "" : e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NotFound".equals(code)
                || (e.response() != null && e.response().code() == 404);
    }

    private static Map<String, String> lowerKeys(Map<String, String> m) {
        Map<String, String> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return Map.copyOf(out);
    }

    private ObjectStoreUnavailable unavailable(String what, Exception e) {
        String detail = e instanceof ErrorResponseException r && r.errorResponse() != null ? r.errorResponse().code()
                : e.getMessage();
        return new ObjectStoreUnavailable("object store: could not " + what + " in bucket " + bucket + " (" + detail + ")", e);
    }
}
