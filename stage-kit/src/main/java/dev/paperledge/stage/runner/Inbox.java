package dev.paperledge.stage.runner;

/**
 * The idempotent consumer's record: the event ids this service has fully handled. A redelivered
 * event whose id is recorded is dropped.
 */
public interface Inbox {
    boolean seen(String eventId);

    /** Records the event as handled; true when this call recorded it first. */
    boolean record(String eventId);
}
