package dev.paperledge.publish.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TranscriptsTest {

    @Test
    void webVttBecomesTimedCuesWithoutMarkup() {
        String vtt = """
                WEBVTT

                NOTE made by the audio stage

                1
                00:00:00.000 --> 00:00:04.200
                <v Ernis>Hey PaperLedge learning crew,</v>
                Ernis here!

                00:01:05.500 --> 00:01:09.000
                Fish &amp; chips &lt;3
                """;
        assertThat(Transcripts.cues(vtt)).containsExactly(
                new Transcripts.Cue("0:00", "Hey PaperLedge learning crew, Ernis here!"),
                new Transcripts.Cue("1:05", "Fish & chips <3"));
    }
}
