package dev.paperledge.ingest.smoke;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@io.quarkus.test.common.WithTestResource(dev.paperledge.ingest.support.StandInResource.class)
class SmokeTest {
    @Inject
    MinioClient minio;

    @Test
    void startsAgainstRealInfrastructure() throws Exception {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("UP"));
        org.assertj.core.api.Assertions.assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket("paperledge").build())).isTrue();
    }
}
