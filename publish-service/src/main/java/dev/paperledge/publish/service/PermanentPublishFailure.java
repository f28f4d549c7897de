package dev.paperledge.publish.service;

/** The input can never be published as it is (retrying the same input cannot help). */
public class PermanentPublishFailure extends RuntimeException {
    public PermanentPublishFailure(String reason) {
        super(reason);
    }
}
