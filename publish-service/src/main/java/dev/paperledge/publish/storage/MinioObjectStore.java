package dev.paperledge.publish.storage;

import java.io.InputStream;
import java.io.ByteArrayInputStream;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Retry;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import jakarta.enterprise.context.ApplicationScoped;

/** {@link ObjectStore} over the MinIO client: S3Proxy locally, MinIO or any S3 in production. */
@ApplicationScoped
@Retry(maxRetries = 4, delay = 200, retryOn = ObjectStoreUnavailableException.class)
@ExponentialBackoff(maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
public class MinioObjectStore implements ObjectStore {
    private final MinioClient minio;
    private final String bucket;

    public MinioObjectStore(MinioClient minio, @ConfigProperty(name = "paperledge.storage.bucket") String bucket) {
        this.minio = minio;
        this.bucket = bucket;
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        try {
            StatObjectResponse r = minio.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return Optional.of(new ObjectInfo(key, r.size(), r.lastModified() == null ? null : r.lastModified().toInstant(),
                    r.userMetadata() == null ? Map.of() : Map.copyOf(lowerKeys(r.userMetadata()))));
        } catch (ErrorResponseException e) {
            if (isMissing(e)) {
                return Optional.empty();
            }
            throw unavailable("stat " + key, e);
        } catch (Exception e) {
            throw unavailable("stat " + key, e);
        }
    }

    @Override
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
    public byte[] readAll(String key) {
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw unavailable("read " + key, e);
        }
    }

    @Override
    public void put(String key, byte[] content, String contentType, Map<String, String> userMetadata) {
        try {
            minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                    .stream(new ByteArrayInputStream(content), content.length, -1)
                    .contentType(contentType)
                    .userMetadata(userMetadata)
                    .build());
        } catch (Exception e) {
            throw unavailable("write " + key, e);
        }
    }

    @Override
    public void remove(String key) {
        try {
            minio.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw unavailable("remove " + key, e);
        }
    }

    @Override
    public boolean ensureBucket() {
        try {
            if (!minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            return true;
        } catch (Exception e) {
            throw unavailable("bucket " + bucket, e);
        }
    }

    private static boolean isMissing(ErrorResponseException e) {
        String code = e.errorResponse() == null ? "" : e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NotFound".equals(code)
                || (e.response() != null && e.response().code() == 404);
    }

    private static Map<String, String> lowerKeys(Map<String, String> m) {
        Map<String, String> out = new java.util.HashMap<>();
        m.forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return out;
    }

    private ObjectStoreUnavailableException unavailable(String what, Exception e) {
        return new ObjectStoreUnavailableException("object store: " + what + " in bucket " + bucket + " failed: " + e, e);
    }
}
