package dev.paperledge.audio.check;

/** The recogniser could not run (not installed, crashed, timed out): the check cannot vouch for the audio. */
public class RecognizerException extends RuntimeException {
    public RecognizerException(String message, Throwable cause) {
        super(message, cause);
    }
}
