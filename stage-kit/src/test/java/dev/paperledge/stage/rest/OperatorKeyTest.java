package dev.paperledge.stage.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class OperatorKeyTest {
    @Test
    void withoutAKeyAServiceWithOperatorCallsDoesNotStartAndSaysWhichVariableToSet() {
        for (Optional<String> missing : List.of(Optional.<String>empty(), Optional.of("  "))) {
            assertThatThrownBy(() -> new OperatorKey(missing, false, true)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("set PAPERLEDGE_OPERATOR_API_KEY");
        }
    }

    @Test
    void thePublishedLocalKeyIsRefusedOutsideLocalRuns() {
        assertThatThrownBy(() -> new OperatorKey(Optional.of("paperledge-local-operator-key"), false, true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("published local default");
        assertThat(new OperatorKey(Optional.of("paperledge-local-operator-key"), true, true)
                .matches("paperledge-local-operator-key")).isTrue();
    }

    @Test
    void aRealKeyMatchesOnlyItself() {
        OperatorKey key = new OperatorKey(Optional.of("s3cret-operator-key"), false, true);
        assertThat(key.matches("s3cret-operator-key")).isTrue();
        assertThat(key.matches("s3cret-operator-kez")).isFalse();
        assertThat(key.matches("paperledge-local-operator-key")).isFalse();
        assertThat(key.matches(null)).isFalse();
    }

    @Test
    void aServiceWithoutOperatorCallsStartsWithoutAKeyAndRefusesEveryWrite() {
        for (Optional<String> unusable : List.of(Optional.<String>empty(), Optional.of("paperledge-local-operator-key"))) {
            OperatorKey key = new OperatorKey(unusable, false, false);
            assertThat(key.matches("paperledge-local-operator-key")).isFalse();
            assertThat(key.matches("")).isFalse();
            assertThat(key.matches(null)).isFalse();
        }
    }
}
