package dev.paperledge.ingest.storage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** {@link ObjectStore} over the MinIO client (S3Proxy locally, MinIO or any S3 in production). */
@ApplicationScoped
public class MinioObjectStore implements ObjectStore {
    private static final Logger LOG = Logger.getLogger(MinioObjectStore.class);

    private final MinioClient minio;
    private final String bucket;

    public MinioObjectStore(MinioClient minio, @ConfigProperty(name = "paperledge.storage.bucket") String bucket) {
        this.minio = minio;
        this.bucket = bucket;
    }

    /** Creates the bucket on a fresh machine; a store that is down now is reported by readiness. */
    void onStart(@Observes StartupEvent ev) {
        try {
            if (!minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                LOG.infof("created bucket %s", bucket);
            }
        } catch (Exception e) {
            LOG.warnf("object store not reachable at start-up: %s", e.toString());
        }
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        try {
            minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                    .contentType(contentType).build());
        } catch (Exception e) {
            throw new ObjectStoreException("could not write " + key + " to the object store: " + e, e);
        }
    }

    @Override
    public byte[] get(String key) {
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return null;
            }
            throw new ObjectStoreException("could not read " + key + ": " + e, e);
        } catch (Exception e) {
            throw new ObjectStoreException("could not read " + key + ": " + e, e);
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
}
