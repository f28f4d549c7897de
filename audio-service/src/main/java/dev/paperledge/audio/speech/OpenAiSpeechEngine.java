package dev.paperledge.audio.speech;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.audio.mix.Mp3Decoder;
import dev.paperledge.audio.mix.WavCodec;

/**
 * Any server speaking OpenAI's {@code POST /v1/audio/speech} (OpenAI, Kokoro-FastAPI, Speaches,
 * LocalAI, …). Asks for WAV (or the configured format) and accepts WAV or MP3 back, whatever the
 * server chooses. Texts are at most 4,096 characters, the API's limit.
 */
public class OpenAiSpeechEngine implements SpeechEngine {
    /** The API's input limit. */
    public static final int MAX_INPUT = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String apiKey;
    private final String model;
    private final String voice;
    private final String responseFormat;
    private final Duration timeout;
    private final int parallelism;
    private final HttpClient http;

    /**
     * @param baseUrl        server root ({@code http://host:8880}) or its {@code /v1} root
     * @param apiKey         sent as a bearer token when not blank
     * @param responseFormat {@code wav} (preferred: no decoding loss) or {@code mp3}
     * @param parallelism    concurrent requests the server tolerates
     */
    public OpenAiSpeechEngine(String baseUrl, String apiKey, String model, String voice, String responseFormat,
            Duration timeout, int parallelism) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.endpoint = URI.create(base.endsWith("/v1") ? base + "/audio/speech" : base + "/v1/audio/speech");
        this.apiKey = apiKey;
        this.model = model;
        this.voice = voice;
        this.responseFormat = responseFormat;
        this.timeout = timeout;
        this.parallelism = Math.max(1, parallelism);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public String id() {
        return "openai:" + model + ":" + voice;
    }

    @Override
    public int maxChunkChars() {
        return MAX_INPUT;
    }

    @Override
    public int maxParallelism() {
        return parallelism;
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public Pcm synthesize(String text) {
        if (text.length() > MAX_INPUT) {
            throw new SpeechException("text of " + text.length() + " characters exceeds the speech API's limit of "
                    + MAX_INPUT, false);
        }
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("model", model, "input", text, "voice", voice, "response_format",
                    responseFormat));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "audio/wav, audio/x-wav, audio/mpeg, */*")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null && !apiKey.isBlank()) {
            req.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<byte[]> resp;
        // The request's timeout only bounds the wait for the headers; the whole answer, body
        // included, must arrive within the same time, so a server trickling audio cannot hold a worker.
        java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(req.build(),
                HttpResponse.BodyHandlers.ofByteArray());
        try {
            resp = answer.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            answer.cancel(true);
            throw new SpeechException("speech server " + endpoint + " did not answer within " + timeout.toMillis()
                    + " ms (the whole answer, body included)", true, e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof HttpTimeoutException) {
                throw new SpeechException("speech server " + endpoint + " did not answer within " + timeout.toMillis()
                        + " ms", true, c);
            }
            if (c instanceof ConnectException) {
                throw new SpeechException("speech server " + endpoint + " is unreachable: " + c.getMessage(), true, c);
            }
            throw new SpeechException("speech server " + endpoint + " failed: " + c, true, c);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new SpeechException("interrupted while waiting for the speech server", true, e);
        }
        int status = resp.statusCode();
        if (status != 200) {
            String detail = new String(resp.body(), java.nio.charset.StandardCharsets.UTF_8);
            detail = detail.length() > 200 ? detail.substring(0, 200) + "..." : detail;
            boolean retryable = status >= 500 || status == 429 || status == 408;
            throw new SpeechException("speech server " + endpoint + " answered HTTP " + status + ": " + detail.strip(),
                    retryable);
        }
        byte[] audio = resp.body();
        String type = resp.headers().firstValue("Content-Type").orElse("?");
        try {
            if (WavCodec.looksLikeWav(audio)) {
                return WavCodec.decode(audio);
            }
            if (Mp3Decoder.looksLikeMp3(audio)) {
                return Mp3Decoder.decode(audio);
            }
        } catch (IllegalArgumentException e) {
            throw new SpeechException("speech server " + endpoint + " sent unreadable audio (" + type + ", "
                    + audio.length + " bytes): " + e.getMessage(), false, e);
        }
        throw new SpeechException("speech server " + endpoint + " sent " + audio.length + " bytes of " + type
                + ", neither WAV nor MP3", false);
    }
}
