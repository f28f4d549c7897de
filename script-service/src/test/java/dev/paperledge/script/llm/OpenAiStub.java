package dev.paperledge.script.llm;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A local stand-in for an OpenAI-compatible server ({@code POST /v1/chat/completions}). */
public class OpenAiStub implements QuarkusTestResourceLifecycleManager {
    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return Map.of("quarkus.langchain4j.openai.base-url", server.baseUrl() + "/v1",
                "quarkus.langchain4j.openai.timeout", "3s",
                "quarkus.langchain4j.openai.max-retries", "1");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
