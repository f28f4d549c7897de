package dev.paperledge.script.storage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

@ApplicationScoped
public class MinioObjectStore implements ObjectStore {
    @Inject
    MinioClient minio;
    @ConfigProperty(name = "paperledge.storage.bucket")
    String bucket;

    @Override
    @Retry(maxRetries = 20, delay = 200, delayUnit = ChronoUnit.MILLIS, retryOn = StoreUnavailableException.class)
    @ExponentialBackoff(maxDelay = 3000)
    public void put(String key, byte[] content, String contentType) {
        try {
            minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                    .stream(new ByteArrayInputStream(content), content.length, -1).contentType(contentType).build());
        } catch (Exception e) {
            throw new StoreUnavailableException("could not write " + key + " to bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    @Retry(maxRetries = 20, delay = 200, delayUnit = ChronoUnit.MILLIS, retryOn = StoreUnavailableException.class)
    @ExponentialBackoff(maxDelay = 3000)
    public Optional<byte[]> get(String key) {
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return Optional.of(in.readAllBytes());
        } catch (ErrorResponseException e) {
            String code = e.errorResponse() == null ? "" : e.errorResponse().code();
            if ("NoSuchKey".equals(code) || "NoSuchObject".equals(code)) {
                return Optional.empty();
            }
            throw new StoreUnavailableException("could not read " + key + ": " + code, e);
        } catch (Exception e) {
            throw new StoreUnavailableException("could not read " + key + " from bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void ensureBucket() {
        try {
            if (!minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
        } catch (Exception e) {
            throw new StoreUnavailableException("could not create bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean reachable() {
        try {
            return minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            return false;
        }
    }
}
