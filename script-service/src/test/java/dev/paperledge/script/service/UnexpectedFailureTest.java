package dev.paperledge.script.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import org.apache.kafka.common.errors.TimeoutException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import dev.paperledge.contracts.Topics;
import dev.paperledge.script.messaging.EventNotAcknowledged;

/** The reason a person reads when the stage stops on an exception it has no words of its own for. */
class UnexpectedFailureTest {

    @Test
    void aDatabaseOutageLongerThanTheRetriesSaysSoAndWhatToDo() {
        var outage = new JDBCConnectionException("Unable to acquire JDBC Connection",
                new SQLException("Connection refused", "08001", new ConnectException("Connection refused")));
        assertThat(ScriptProduction.unexpectedReason(new IllegalStateException("wrapped", outage))).isEqualTo(
                "the script stage lost its database for longer than it waits (about 5 minutes); retry the paper once PostgreSQL is back");
    }

    @Test
    void anEventTheBrokerDidNotTakeNamesItsTopic() {
        var refused = new EventNotAcknowledged(Topics.SCRIPTS_READY,
                new TimeoutException("Expiring 1 record(s) for scripts.ready-0:120000 ms has passed since batch creation"));
        assertThat(ScriptProduction.unexpectedReason(new CompletionException(refused)))
                .isEqualTo("the script stage finished but Kafka did not take its scripts.ready event; retry the paper");
        assertThat(refused.getMessage()).startsWith("Kafka did not acknowledge the scripts.ready event: Expiring 1 record(s)");
    }

    @Test
    void anythingElseIsASentenceWithoutTheExceptionText() {
        String r = ScriptProduction.unexpectedReason(new NullPointerException("Cannot invoke \"String.length()\" because \"s\" is null"));
        assertThat(r).isEqualTo("the script stage stopped on an unexpected error (the service log has the details); retry the paper");
        assertThat(r).doesNotContain("NullPointer").doesNotContain("String.length");
    }

    @Test
    void aReportedFailureIsFoundAnywhereInTheChainAndKeepsTheOriginalMessage() {
        var original = new IllegalStateException("could not write scripts/x to bucket paperledge");
        var reported = new StageFailureReported(original);
        assertThat(reported).hasMessage(original.getMessage()).hasCause(original);
        assertThat(ScriptProduction.causeOf(new RuntimeException("outer", reported), StageFailureReported.class)).isSameAs(reported);
        assertThat(ScriptProduction.causeOf(original, StageFailureReported.class)).isNull();
    }
}
