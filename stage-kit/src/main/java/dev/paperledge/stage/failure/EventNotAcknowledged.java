package dev.paperledge.stage.failure;

/** The broker did not acknowledge an outgoing event (refused it, or the send timed out). */
public class EventNotAcknowledged extends RuntimeException {
    private final String topic;

    public EventNotAcknowledged(String topic, Throwable cause) {
        super("Kafka did not acknowledge the " + topic + " event: " + cause.getMessage(), cause);
        this.topic = topic;
    }

    /** The topic the event was for. */
    public String topic() {
        return topic;
    }
}
