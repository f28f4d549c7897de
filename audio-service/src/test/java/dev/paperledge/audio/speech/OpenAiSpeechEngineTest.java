package dev.paperledge.audio.speech;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.paperledge.audio.mix.Mp3Encoder;
import dev.paperledge.audio.mix.WavCodec;
import dev.paperledge.audio.service.EpisodeRenderer;
import dev.paperledge.audio.service.RenderException;
import dev.paperledge.audio.service.RenderSettings;
import dev.paperledge.audio.service.RenderedEpisode;
import dev.paperledge.contracts.EpisodeScript;

/** The OpenAI-compatible engine against a local stub of POST /v1/audio/speech. */
class OpenAiSpeechEngineTest {
    static WireMockServer server;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    OpenAiSpeechEngine engine(Duration timeout) {
        return new OpenAiSpeechEngine(server.baseUrl(), "sk-local", "kokoro", "af_heart", "wav", timeout, 2);
    }

    static float[] voiceLike(int rate, double seconds) {
        float[] x = new float[(int) (rate * seconds)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.4 * Math.sin(2 * Math.PI * 200 * i / rate) * (0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * i / rate)));
        }
        return x;
    }

    @Test
    void wavAnswersAreDecodedAndTheRequestFollowsTheApi() {
        byte[] wav = WavCodec.encode(new Pcm(voiceLike(24000, 1.5), 24000));
        server.stubFor(post("/v1/audio/speech").willReturn(aResponse().withHeader("Content-Type", "audio/wav").withBody(wav)));
        Pcm pcm = engine(Duration.ofSeconds(5)).synthesize("Hello learning crew.");
        assertThat(pcm.sampleRate()).isEqualTo(24000);
        assertThat(pcm.seconds()).isCloseTo(1.5, within(0.001));
        server.verify(postRequestedFor(urlEqualTo("/v1/audio/speech"))
                .withHeader("Authorization", equalTo("Bearer sk-local"))
                .withRequestBody(equalToJson("{\"model\":\"kokoro\",\"input\":\"Hello learning crew.\",\"voice\":\"af_heart\",\"response_format\":\"wav\"}")));
    }

    @Test
    void mp3AnswersAreDecodedToo() {
        float[] x = voiceLike(24000, 2);
        byte[] mp3;
        try (Mp3Encoder enc = new Mp3Encoder(24000, 64, 7, 0)) {
            enc.write(x, 0, x.length);
            mp3 = enc.finish();
        }
        server.stubFor(post("/v1/audio/speech").willReturn(aResponse().withHeader("Content-Type", "audio/mpeg").withBody(mp3)));
        Pcm pcm = engine(Duration.ofSeconds(5)).synthesize("Hello.");
        assertThat(pcm.sampleRate()).isEqualTo(24000);
        assertThat(pcm.seconds()).isCloseTo(2.0, within(0.15));
    }

    @Test
    void aBaseUrlEndingInV1IsNotDoubled() {
        assertThat(new OpenAiSpeechEngine("http://h:1/v1/", "", "m", "v", "wav", Duration.ofSeconds(1), 1).endpoint())
                .hasToString("http://h:1/v1/audio/speech");
    }

    @Test
    void serverErrorsAreRetryableClientErrorsAreNot() {
        server.stubFor(post("/v1/audio/speech").willReturn(aResponse().withStatus(503).withBody("overloaded")));
        assertThatThrownBy(() -> engine(Duration.ofSeconds(5)).synthesize("Hi."))
                .isInstanceOf(SpeechException.class).hasMessageContaining("HTTP 503").hasMessageContaining("overloaded")
                .satisfies(e -> assertThat(((SpeechException) e).retryable()).isTrue());
        server.stubFor(post("/v1/audio/speech").willReturn(aResponse().withStatus(400).withBody("{\"error\":\"unknown voice\"}")));
        assertThatThrownBy(() -> engine(Duration.ofSeconds(5)).synthesize("Hi."))
                .isInstanceOf(SpeechException.class).hasMessageContaining("HTTP 400").hasMessageContaining("unknown voice")
                .satisfies(e -> assertThat(((SpeechException) e).retryable()).isFalse());
    }

    @Test
    void aSlowServerTimesOutAsARetryableFailure() {
        server.stubFor(post("/v1/audio/speech").willReturn(aResponse().withFixedDelay(3000)
                .withBody(WavCodec.encode(new Pcm(voiceLike(24000, 1), 24000)))));
        long t = System.nanoTime();
        assertThatThrownBy(() -> engine(Duration.ofMillis(500)).synthesize("Hi."))
                .isInstanceOf(SpeechException.class).hasMessageContaining("did not answer within 500 ms")
                .satisfies(e -> assertThat(((SpeechException) e).retryable()).isTrue());
        assertThat((System.nanoTime() - t) / 1_000_000).isLessThan(2500);
    }

    @Test
    void aServerTricklingItsAudioIsCutOffAtTheTimeout() {
        // Headers at once, the body over six seconds: the request's own timeout would never fire.
        server.stubFor(post("/v1/audio/speech").willReturn(aResponse().withHeader("Content-Type", "audio/wav")
                .withBody(WavCodec.encode(new Pcm(voiceLike(24000, 1), 24000))).withChunkedDribbleDelay(12, 6000)));
        long t = System.nanoTime();
        assertThatThrownBy(() -> engine(Duration.ofMillis(1500)).synthesize("Hi."))
                .isInstanceOf(SpeechException.class).hasMessageContaining("did not answer within 1500 ms (the whole answer, body included)")
                .satisfies(e -> assertThat(((SpeechException) e).retryable()).isTrue());
        assertThat((System.nanoTime() - t) / 1_000_000).isLessThan(4000);
    }

    @Test
    void anAnswerThatIsNotAudioIsAFailureNotSilence() {
        server.stubFor(post("/v1/audio/speech").willReturn(aResponse().withHeader("Content-Type", "text/html")
                .withBody("<html>proxy login</html>")));
        assertThatThrownBy(() -> engine(Duration.ofSeconds(5)).synthesize("Hi."))
                .isInstanceOf(SpeechException.class).hasMessageContaining("neither WAV nor MP3");
        server.stubFor(post("/v1/audio/speech").willReturn(aResponse().withBody(new byte[0])));
        assertThatThrownBy(() -> engine(Duration.ofSeconds(5)).synthesize("Hi.")).isInstanceOf(SpeechException.class);
    }

    @Test
    void anUnreachableServerIsRetryable() {
        OpenAiSpeechEngine e = new OpenAiSpeechEngine("http://127.0.0.1:9", "", "m", "v", "wav", Duration.ofSeconds(2), 1);
        assertThatThrownBy(() -> e.synthesize("Hi.")).isInstanceOf(SpeechException.class)
                .satisfies(x -> assertThat(((SpeechException) x).retryable()).isTrue());
    }

    @Test
    void theRendererSendsNoRequestLongerThan4096CharactersAndFailsTheStageOnA5xx() {
        server.stubFor(post("/v1/audio/speech").willReturn(aResponse()
                .withBody(WavCodec.encode(new Pcm(voiceLike(24000, 20), 24000)))));
        StringBuilder longSentence = new StringBuilder();
        while (longSentence.length() < 5000) {
            longSentence.append("and the model keeps on talking about adapters ");
        }
        EpisodeScript script = new EpisodeScript("2401.00009", 1, "t", "d", List.of(
                new EpisodeScript.Section(EpisodeScript.Kind.METHOD, "Method", longSentence.toString().strip() + ".")), "t");
        try (EpisodeRenderer r = new EpisodeRenderer(engine(Duration.ofSeconds(5)), RenderSettings.defaults().withJingle(false))) {
            RenderedEpisode ep = r.render(script, new EpisodeRenderer.EpisodeInfo("t", "a", "2026", "c"));
            assertThat(ep.durationMs()).isGreaterThan(20_000);
            assertThat(server.getAllServeEvents()).allSatisfy(ev -> assertThat(ev.getRequest().getBodyAsString().length())
                    .isLessThan(4096 + 200));
            server.stubFor(post("/v1/audio/speech").willReturn(aResponse().withStatus(500).withBody("boom")));
            assertThatThrownBy(() -> r.render(script, new EpisodeRenderer.EpisodeInfo("t", "a", "2026", "c")))
                    .isInstanceOf(RenderException.class).hasMessageContaining("HTTP 500")
                    .satisfies(e -> assertThat(((RenderException) e).retryable()).isTrue());
        }
    }
}
