package dev.paperledge.audio.storage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@link ObjectStore} over the MinIO client (S3Proxy locally, MinIO or any S3 in production).
 * Transient failures are retried with exponential backoff; a missing key is not.
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

    /** Fresh machines and tests start without the bucket. */
    void ensureBucket(@Observes StartupEvent ev) {
        try {
            if (!minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                LOG.infof("created bucket %s", bucket);
            }
        } catch (Exception e) {
            LOG.warnf("could not check or create bucket %s at start-up: %s", bucket, e.getMessage());
        }
    }

    @Override
    @Retry(maxRetries = 20, delay = 200, delayUnit = ChronoUnit.MILLIS, maxDuration = 180, durationUnit = ChronoUnit.SECONDS,
            abortOn = MissingObject.class)
    @ExponentialBackoff(factor = 2, maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    public byte[] get(String key) {
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                throw new MissingObject("object " + key + " does not exist in bucket " + bucket, e);
            }
            throw new ObjectStoreException("object store refused to read " + key + ": " + e.getMessage(), false, e);
        } catch (Exception e) {
            throw new ObjectStoreException("object store read of " + key + " failed: " + e.getMessage(), false, e);
        }
    }

    @Override
    @Retry(maxRetries = 20, delay = 200, delayUnit = ChronoUnit.MILLIS, maxDuration = 180, durationUnit = ChronoUnit.SECONDS)
    @ExponentialBackoff(factor = 2, maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    public void put(String key, byte[] data, String contentType) {
        try {
            minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                    .stream(new ByteArrayInputStream(data), data.length, -1).contentType(contentType).build());
        } catch (Exception e) {
            throw new ObjectStoreException("object store write of " + key + " failed: " + e.getMessage(), false, e);
        }
    }

    @Override
    @Retry(maxRetries = 3, delay = 200, delayUnit = ChronoUnit.MILLIS)
    public long size(String key) {
        try {
            return minio.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).size();
        } catch (Exception e) {
            throw new ObjectStoreException("object store stat of " + key + " failed: " + e.getMessage(), false, e);
        }
    }

    @Override
    public boolean isReachable() {
        try {
            return minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            return false;
        }
    }

    /** A key that does not exist: retrying cannot help. */
    public static class MissingObject extends ObjectStoreException {
        public MissingObject(String message, Throwable cause) {
            super(message, true, cause);
        }
    }
}
