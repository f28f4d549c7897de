package dev.paperledge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The built jars in the prod profile refuse to start without an operator key or with the published
 * local one, and say which variable to set. Infrastructure addresses point at
 * closed ports, so a service that did start would touch nothing.
 */
class ProdStartupTest {
    private static final Map<String, String> NOWHERE = Map.of("QUARKUS_HTTP_PORT", "0",
            "PAPERLEDGE_DB_URL", "jdbc:postgresql://127.0.0.1:1/none", "QUARKUS_FLYWAY_MIGRATE_AT_START", "false",
            "PAPERLEDGE_KAFKA_BOOTSTRAP", "127.0.0.1:1", "PAPERLEDGE_S3_PORT", "1");

    @Test
    void ingestRefusesToStartWithoutAKeyOrWithThePublishedOne() throws Exception {
        assertThat(start("ingest-service", null)).contains("No operator key: set PAPERLEDGE_OPERATOR_API_KEY");
        assertThat(start("ingest-service", "paperledge-local-operator-key"))
                .contains("PAPERLEDGE_OPERATOR_API_KEY is the published local default");
    }

    @Test
    void scriptRefusesToStartWithoutAKeyOrWithThePublishedOne() throws Exception {
        assertThat(start("script-service", null)).contains("No operator key: set PAPERLEDGE_OPERATOR_API_KEY");
        assertThat(start("script-service", "paperledge-local-operator-key"))
                .contains("PAPERLEDGE_OPERATOR_API_KEY is the published local default");
    }

    /** Starts the jar in the prod profile and returns its output; fails if it is still up after a minute. */
    private static String start(String service, String key) throws Exception {
        Path jar = E2eStack.ROOT.resolve(service + "/target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("build first").exists();
        Path out = Files.createTempFile("prod-" + service, ".log");
        ProcessBuilder pb = new ProcessBuilder(List.of("java", "-Xmx256m", "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PAPERLEDGE_") || k.startsWith("QUARKUS_"));
        pb.environment().putAll(NOWHERE);
        if (key != null) {
            pb.environment().put("PAPERLEDGE_OPERATOR_API_KEY", key);
        }
        Process p = pb.start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s refused to start", service).isTrue();
            assertThat(p.exitValue()).isNotZero();
            return Files.readString(out);
        } finally {
            p.destroyForcibly();
        }
    }
}
