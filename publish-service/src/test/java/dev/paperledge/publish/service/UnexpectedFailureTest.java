package dev.paperledge.publish.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import org.apache.kafka.common.errors.TimeoutException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import dev.paperledge.contracts.Topics;
import dev.paperledge.publish.messaging.EventNotAcknowledged;
import dev.paperledge.publish.storage.ObjectStoreUnavailableException;

/** The reason a person reads when the stage stops on an exception it has no words of its own for. */
class UnexpectedFailureTest {

    @Test
    void aDatabaseOutageLongerThanTheRetriesSaysSoAndWhatToDo() {
        var outage = new JDBCConnectionException("Unable to acquire JDBC Connection",
                new SQLException("Connection refused", "08001", new ConnectException("Connection refused")));
        assertThat(PublishService.unexpectedReason(new IllegalStateException("wrapped", outage))).isEqualTo(
                "the publish stage lost its database for longer than it waits (about 5 minutes); retry the paper once PostgreSQL is back");
    }

    @Test
    void anEventTheBrokerDidNotTakeNamesItsTopic() {
        var refused = new EventNotAcknowledged(Topics.EPISODES_PUBLISHED,
                new TimeoutException("Expiring 1 record(s) for episodes.published-0:120000 ms has passed since batch creation"));
        assertThat(PublishService.unexpectedReason(new CompletionException(refused)))
                .isEqualTo("the publish stage finished but Kafka did not take its episodes.published event; retry the paper");
        assertThat(refused.getMessage()).startsWith("Kafka did not acknowledge the episodes.published event: Expiring");
    }

    @Test
    void anObjectStoreThatDoesNotAnswerIsSaidWithoutItsExceptionText() {
        var down = new ObjectStoreUnavailableException("object store: stat audio/x in bucket paperledge failed: "
                + "java.net.ConnectException: Connection refused", new ConnectException("Connection refused"));
        assertThat(PublishService.unexpectedReason(down)).isEqualTo(
                "the publish stage could not reach the object store (the service log has the details); retry the paper once it answers");
    }

    @Test
    void anythingElseIsASentenceWithoutTheExceptionText() {
        String r = PublishService.unexpectedReason(new NullPointerException("Cannot invoke \"String.length()\" because \"s\" is null"));
        assertThat(r).isEqualTo("the publish stage stopped on an unexpected error (the service log has the details); retry the paper");
        assertThat(r).doesNotContain("NullPointer").doesNotContain("String.length");
    }

    @Test
    void aReportedFailureIsFoundAnywhereInTheChainAndKeepsTheOriginalMessage() {
        var original = new IllegalStateException("episode 2501.00001 vanished while publishing");
        var reported = new StageFailureReported(original);
        assertThat(reported).hasMessage(original.getMessage()).hasCause(original);
        assertThat(PublishService.causeOf(new RuntimeException("outer", reported), StageFailureReported.class)).isSameAs(reported);
        assertThat(PublishService.causeOf(original, StageFailureReported.class)).isNull();
    }
}
