package dev.paperledge.ingest.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.paperledge.ingest.support.StandInResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * V8 moves the status projection's fields off intake's {@code paper} row into its own
 * {@code paper_status}. On the real PostgreSQL, in a schema of its own: a database at V7 with papers
 * published, failed at ingest (given up) and waiting, migrated to the latest version, keeps every
 * paper's status, failure, episode URL and run, and intake's worker still leaves the failed one alone.
 */
@QuarkusTest
@WithTestResource(StandInResource.class)
class StatusTableMigrationTest {
    @Inject
    AgroalDataSource dataSource;

    private final String schema = "ingest_v8_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);

    private Flyway flyway(String target) {
        var config = Flyway.configure().dataSource(dataSource).schemas(schema).createSchemas(true)
                .locations("classpath:db/migration");
        return (target == null ? config : config.target(target)).load();
    }

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void papersKeepTheirStatusAndIntakeKeepsItsOwnWork() throws SQLException {
        flyway("7").migrate();
        sql("""
                INSERT INTO %1$s.paper (arxiv_id, version, run, status, attempt, title, ingested_event, event_sent_at,
                                        episode_url, run_started_at, created_at, updated_at)
                VALUES ('2106.09685', 3, 2, 'PUBLISHED', 1, 'LoRA', '{}', '2026-11-01T10:00:05Z',
                        'https://podcast.example/episodes/2106.09685', '2026-11-01T10:00:00Z',
                        '2026-10-01T09:00:00Z', '2026-11-01T10:05:00Z');
                INSERT INTO %1$s.paper (arxiv_id, run, status, attempt, failed_stage, failure_reason, failure_retryable,
                                        created_at, updated_at)
                VALUES ('hep-th/9901001', 1, 'FAILED', 2, 'INGEST', 'arXiv has no paper hep-th/9901001', false,
                        '2026-11-02T08:00:00Z', '2026-11-02T08:01:00Z');
                INSERT INTO %1$s.stage_progress (arxiv_id, run, stage, attempt, failed_attempt, failed_at, failure_reason,
                                                 failure_retryable)
                VALUES ('hep-th/9901001', 1, 'INGEST', 2, 2, '2026-11-02T08:01:00Z',
                        'arXiv has no paper hep-th/9901001', false);
                INSERT INTO %1$s.paper (arxiv_id, run, status, attempt, created_at, updated_at)
                VALUES ('2401.00001', 1, 'REQUESTED', 1, '2026-11-03T08:00:00Z', '2026-11-03T08:00:00Z');
                """.formatted(schema));

        flyway(null).migrate();

        assertThat(rows("""
                SELECT arxiv_id, run, version, status, failed_stage, failure_reason, episode_url,
                       ingest_acked_at IS NOT NULL, run_started_at IS NOT NULL
                FROM %s.paper_status ORDER BY arxiv_id""")).containsExactly(
                "2106.09685|2|3|PUBLISHED|null|null|https://podcast.example/episodes/2106.09685|true|true",
                "2401.00001|1|null|REQUESTED|null|null|null|false|true",
                "hep-th/9901001|1|null|FAILED|INGEST|arXiv has no paper hep-th/9901001|null|false|true");
        assertThat(rows("SELECT arxiv_id, attempt, ingest_failed_at IS NOT NULL FROM %s.paper ORDER BY arxiv_id"))
                .as("intake's ingest attempt and its own mark of a given-up ingest")
                .containsExactly("2106.09685|1|false", "2401.00001|1|false", "hep-th/9901001|2|true");
        assertThat(rows("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = '%s' AND table_name = 'paper'
                  AND column_name IN ('status', 'failed_stage', 'failure_reason', 'failure_retryable', 'episode_url')"""))
                .as("the status lives only in paper_status").isEmpty();
        assertThat(rows("SELECT arxiv_id FROM %s.paper WHERE ingested_event IS NULL AND event_sent_at IS NULL AND ingest_failed_at IS NULL"))
                .as("what the ingest worker may claim").containsExactly("2401.00001");
    }

    private void sql(String statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statements);
        }
    }

    private List<String> rows(String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(query.formatted(schema))) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    cells.add(String.valueOf(r.getObject(i)));
                }
                out.add(String.join("|", cells));
            }
        }
        return out;
    }
}
