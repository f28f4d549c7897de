package dev.paperledge.audio.check;

import java.util.List;

import dev.paperledge.audio.speech.Pcm;

/**
 * Hears mono audio and says which words were spoken: the listening check's ear. The default is
 * {@link PocketsphinxRecognizer} (Debian's offline recogniser as a subprocess). Called from several
 * threads at once.
 */
public interface SpeechRecognizer {

    /** Short identifier recorded with the figures, e.g. {@code pocketsphinx:en-us}. */
    String id();

    /**
     * The words heard, lower case, in order.
     *
     * @param audio mono audio at any rate (implementations resample to what they need)
     * @throws RecognizerException when the recogniser cannot run or does not finish in time
     */
    List<String> recognize(Pcm audio);

    /**
     * The words heard in each clip, in order. Recognisers that pay a start-up cost per call (loading
     * a model) hear the whole list in one go.
     */
    default List<List<String>> recognizeAll(List<Pcm> clips) {
        return clips.stream().map(this::recognize).toList();
    }
}
