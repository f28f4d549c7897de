package dev.paperledge.publish.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class TranscriptsTest {
    static final String JSON = """
            {"version":"1.0.0","segments":[
             {"startTime":0,"endTime":2.5,"speaker":"Ernis","body":"Hey PaperLedge learning crew, Ernis here!"},
             {"startTime":2.5,"endTime":6.25,"speaker":"Ernis","body":"The authors report a 12.5% gain.",
              "source":{"section":"3 Method","paragraph":2,"text":"We observe a gain of 12.5% over the baseline.",
                        "url":"https://arxiv.org/html/1703.09824v1#S3"}},
             {"startTime":62.5,"endTime":3700,"speaker":"Ada","body":"And that's the show."}
            ]}
            """;

    @Test
    void webVttBecomesTimedLinesWithoutMarkupAndVoicesBecomeSpeakers() {
        String vtt = """
                WEBVTT

                NOTE made by the audio stage

                1
                00:00:00.000 --> 00:00:04.200
                <v Ernis>Hey PaperLedge learning crew,</v>
                Ernis here!

                00:01:05.500 --> 00:01:09.000 align:start
                Fish &amp; chips &lt;3
                """;
        List<Transcripts.Line> lines = Transcripts.fromVtt(vtt);
        assertThat(lines).containsExactly(
                new Transcripts.Line(0, 4.2, "Ernis", "Hey PaperLedge learning crew, Ernis here!", null),
                new Transcripts.Line(65.5, 69, null, "Fish & chips <3", null));
        assertThat(lines).extracting(Transcripts.Line::start).containsExactly("0:00", "1:05");
        assertThat(lines.get(1).startSeconds()).isEqualTo("65.5");
        assertThat(lines.get(1).endSeconds()).isEqualTo("69");
    }

    @Test
    void thePodcastingJsonShapeGivesSpeakersTimesAndSources() {
        List<Transcripts.Line> lines = Transcripts.fromJson(JSON);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(
                new Transcripts.Line(0, 2.5, "Ernis", "Hey PaperLedge learning crew, Ernis here!", null));
        Transcripts.Source source = lines.get(1).source();
        assertThat(source).isEqualTo(new Transcripts.Source("3 Method", 2,
                "We observe a gain of 12.5% over the baseline.", "https://arxiv.org/html/1703.09824v1#S3"));
        assertThat(source.label()).as("counted from one for readers").isEqualTo("3 Method, paragraph 3");
        assertThat(new Transcripts.Source("1 Introduction", 0, "t", null).label()).isEqualTo("1 Introduction, paragraph 1");
        assertThat(lines.get(2).start()).isEqualTo("1:02");
        assertThat(Transcripts.clock(3700)).isEqualTo("1:01:40");
    }

    @Test
    void textIsKeptAsTextAndOnlyWebLinksSurvive() {
        String json = """
                {"version":"1.0.0","segments":[
                 {"startTime":1,"endTime":2,"speaker":"<b>Eve</b>","body":"<script>alert(1)</script> & more",
                  "source":{"section":"<img src=x onerror=alert(1)>","paragraph":"two","text":"</p><p>x",
                            "url":"javascript:alert(1)"}},
                 {"startTime":2,"endTime":3,"body":"relative","source":{"text":"t","url":"/etc/passwd"}},
                 {"startTime":3,"endTime":4,"body":"data","source":{"text":"t","url":"data:text/html,<b>"}},
                 {"startTime":4,"endTime":5,"body":"plain http","source":{"text":"t","url":"http://arxiv.org/abs/1"}},
                 {"startTime":5,"endTime":6,"body":"empty source","source":{}}
                ]}
                """;
        List<Transcripts.Line> lines = Transcripts.fromJson(json);
        assertThat(lines.get(0).speaker()).isEqualTo("<b>Eve</b>");
        assertThat(lines.get(0).body()).isEqualTo("<script>alert(1)</script> & more");
        assertThat(lines.get(0).source()).isEqualTo(
                new Transcripts.Source("<img src=x onerror=alert(1)>", null, "</p><p>x", null));
        assertThat(lines.get(1).source().url()).isNull();
        assertThat(lines.get(2).source().url()).isNull();
        assertThat(lines.get(3).source().url()).isEqualTo("http://arxiv.org/abs/1");
        assertThat(lines.get(4).source()).isNull();
        assertThat(lines.get(1).source().label()).isEqualTo("the paper");
    }

    @Test
    void aDocumentOfAnotherShapeIsRefusedWithTheReason() {
        assertThatThrownBy(() -> Transcripts.fromJson("{\"segments\": [")).isInstanceOf(Transcripts.Unusable.class)
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> Transcripts.fromJson("[1,2]")).hasMessage("no segments array");
        assertThatThrownBy(() -> Transcripts.fromJson("null")).hasMessage("no segments array");
        assertThatThrownBy(() -> Transcripts.fromJson("{\"segments\":[{\"startTime\":\"0\",\"endTime\":1,\"body\":\"x\"}]}"))
                .hasMessageContaining("segment 1 has no numeric");
        assertThatThrownBy(() -> Transcripts.fromJson("{\"segments\":[{\"startTime\":2,\"endTime\":1,\"body\":\"x\"}]}"))
                .hasMessageContaining("out of order");
        assertThatThrownBy(() -> Transcripts.fromJson(
                "{\"segments\":[{\"startTime\":5,\"endTime\":6,\"body\":\"a\"},{\"startTime\":1,\"endTime\":2,\"body\":\"b\"}]}"))
                .hasMessageContaining("segment 2");
        assertThatThrownBy(() -> Transcripts.fromJson("{\"segments\":[{\"startTime\":0,\"endTime\":1,\"body\":7}]}"))
                .hasMessageContaining("no body");
        assertThat(Transcripts.fromJson("{\"version\":\"1.0.0\",\"segments\":[]}")).isEmpty();
    }
}
