package dev.paperledge.stage.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.common.errors.TimeoutException;

import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import dev.paperledge.stage.failure.EventNotAcknowledged;

/**
 * Where a stage's StageFailed reports go in a fast test: kept in order, or refused as a broker that
 * is down refuses them ({@link #refuse(boolean)}). A test's stand-in for the service's events bean
 * overrides {@code stageFailed} with {@link #accept}.
 */
public class FailureReports implements Consumer<StageFailed> {
    private final List<StageFailed> sent = new ArrayList<>();
    private boolean refuse;

    public FailureReports refuse(boolean refuseAll) {
        this.refuse = refuseAll;
        return this;
    }

    @Override
    public void accept(StageFailed event) {
        if (refuse) {
            throw new EventNotAcknowledged(Topics.PIPELINE_FAILURES, new TimeoutException("Expiring 1 record(s)"));
        }
        sent.add(event);
    }

    public List<StageFailed> sent() {
        return List.copyOf(sent);
    }
}
