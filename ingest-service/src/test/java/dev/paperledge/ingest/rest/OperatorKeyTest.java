package dev.paperledge.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class OperatorKeyTest {
    @Test
    void withoutAKeyTheServiceDoesNotStartAndSaysWhichVariableToSet() {
        for (Optional<String> missing : java.util.List.of(Optional.<String>empty(), Optional.of("  "))) {
            assertThatThrownBy(() -> new OperatorKey(missing, false)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("set PAPERLEDGE_OPERATOR_API_KEY");
        }
    }

    @Test
    void thePublishedLocalKeyIsRefusedOutsideLocalRuns() {
        assertThatThrownBy(() -> new OperatorKey(Optional.of("paperledge-local-operator-key"), false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("published local default");
        assertThat(new OperatorKey(Optional.of("paperledge-local-operator-key"), true)
                .matches("paperledge-local-operator-key")).isTrue();
    }

    @Test
    void aRealKeyMatchesOnlyItself() {
        OperatorKey key = new OperatorKey(Optional.of("s3cret-operator-key"), false);
        assertThat(key.matches("s3cret-operator-key")).isTrue();
        assertThat(key.matches("s3cret-operator-kez")).isFalse();
        assertThat(key.matches("paperledge-local-operator-key")).isFalse();
        assertThat(key.matches(null)).isFalse();
    }
}
