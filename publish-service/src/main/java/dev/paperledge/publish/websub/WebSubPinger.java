package dev.paperledge.publish.websub;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;

import dev.paperledge.publish.config.ShowConfig;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One WebSub publish ping ({@code hub.mode=publish&hub.url=<feed>}, form-encoded) on a fault-tolerance
 * thread, retried with exponential backoff (about 20 minutes in all) while the hub is down or answers
 * other than 2xx. The delays can be changed the MicroProfile way
 * ({@code dev.paperledge.publish.websub.WebSubPinger/ping/Retry/delay=...}).
 */
@ApplicationScoped
public class WebSubPinger {
    private final HttpClient http;
    private final Duration timeout;

    public WebSubPinger(ShowConfig config) {
        this.timeout = config.websub().timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A hub that answers other than 2xx, or cannot be reached. */
    public static class HubRefused extends RuntimeException {
        public HubRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Asynchronous
    @Retry(maxRetries = 10, delay = 1, delayUnit = ChronoUnit.SECONDS, maxDuration = 30, durationUnit = ChronoUnit.MINUTES,
            jitter = 0, retryOn = HubRefused.class)
    @ExponentialBackoff(maxDelay = 5, maxDelayUnit = ChronoUnit.MINUTES)
    public CompletionStage<Void> ping(String hub, String feedUrl) {
        String form = "hub.mode=publish&hub.url=" + URLEncoder.encode(feedUrl, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(hub)).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new HubRefused("hub " + hub + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubRefused("interrupted pinging " + hub, e);
        }
        if (answer.statusCode() / 100 != 2) {
            String body = answer.body() == null ? "" : answer.body().strip();
            throw new HubRefused("hub " + hub + " answered " + answer.statusCode() + " for " + feedUrl
                    + (body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) : body)), null);
        }
        return CompletableFuture.completedFuture(null);
    }
}
