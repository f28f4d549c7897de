package dev.paperledge.script.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.script.writer.Fixtures;
import dev.paperledge.script.writer.Grounding;
import dev.paperledge.script.writer.LlmScriptWriter;
import dev.paperledge.script.writer.ScriptRequest;
import dev.paperledge.script.writer.ScriptWriter;
import dev.paperledge.script.writer.WrittenScript;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** The LLM writer against a stubbed OpenAI-compatible server: success, repair and every fallback. */
@QuarkusTest
@TestProfile(LlmWriterProfile.class)
class LlmScriptWriterTest {
    static final String QUOTE = "We propose Low-Rank Adaptation, or LoRA, which freezes the pre-trained model weights and injects trainable rank decomposition matrices into each layer of the Transformer architecture, greatly reducing the number of trainable parameters for downstream tasks.";
    static final String FILLER = " It is a gentle idea, and I love how it turns a heavy problem into something light and practical for everyone listening today.";

    @Inject
    ScriptWriter writer;
    final ObjectMapper json = new ObjectMapper();
    ScriptRequest request;

    @BeforeEach
    void reset() throws Exception {
        OpenAiStub.server.resetAll();
        request = Fixtures.seeds().get(0).request();
    }

    @Test
    void theConfiguredWriterIsTheLlmWriter() {
        assertThat(writer.name()).isEqualTo(LlmScriptWriter.NAME);
    }

    @Test
    void aGoodScriptFromTheModelIsUsedAndRecordedAsLlm() throws Exception {
        stub("TASK: OUTLINE", outline());
        stub("TASK: SCRIPT", draft(QUOTE, "10,000"));
        WrittenScript w = writer.write(request);
        assertThat(w.writer()).isEqualTo("llm");
        assertThat(w.fallbackReason()).isNull();
        assertThat(w.script().writer()).isEqualTo("llm");
        assertThat(w.grounding().grounded()).isTrue();
        assertThat(w.grounding().repairs()).isZero();
        assertThat(w.script().sections()).extracting(EpisodeScript.Section::kind).containsExactly(EpisodeScript.Kind.values());
        assertThat(w.script().sections().get(9).text()).isEqualTo("Credit to Paper authors: " + request.paper().creditLine());
        assertThat(w.script().wordCount()).isBetween(480, 720);
    }

    @Test
    void anUngroundedQuoteIsRepairedOnce() throws Exception {
        stub("TASK: OUTLINE", outline());
        stub("TASK: SCRIPT", draft("LoRA is the best idea anyone has ever had.", "10,000"));
        stub("TASK: REPAIR", draft(QUOTE, "10,000"));
        WrittenScript w = writer.write(request);
        assertThat(w.writer()).isEqualTo("llm");
        assertThat(w.grounding().repairs()).isEqualTo(1);
        OpenAiStub.server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("TASK: REPAIR")));
    }

    @Test
    void aQuoteStillUngroundedAfterTheRepairFallsBackToTheOfflineWriter() throws Exception {
        stub("TASK: OUTLINE", outline());
        stub("TASK: SCRIPT", draft("LoRA is the best idea anyone has ever had.", "10,000"));
        stub("TASK: REPAIR", draft("LoRA is the best idea anyone has ever had.", "20,000"));
        assertFallback(writer.write(request), "ungrounded");
    }

    @Test
    void malformedJsonFallsBackToTheOfflineWriter() throws Exception {
        stub("TASK: OUTLINE", outline());
        stub("TASK: SCRIPT", "{\"hook\": \"Hey PaperLedge learning crew, Ernis here\", \"analogy\": ");
        assertFallback(writer.write(request), "malformed JSON");
    }

    @Test
    void aServerErrorFallsBackToTheOfflineWriter() {
        OpenAiStub.server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":{\"message\":\"boom\"}}")));
        assertFallback(writer.write(request), "error");
    }

    @Test
    void aTimeoutFallsBackToTheOfflineWriter() throws Exception {
        OpenAiStub.server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(completion(outline())).withFixedDelay(5000)));
        long t0 = System.nanoTime();
        WrittenScript w = writer.write(request);
        assertFallback(w, "timeout");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(15_000);
    }

    private void assertFallback(WrittenScript w, String reason) {
        assertThat(w.writer()).isEqualTo("offline");
        assertThat(w.script().writer()).isEqualTo("offline");
        assertThat(w.fallbackReason()).contains(reason);
        assertThat(w.grounding().notes()).anySatisfy(n -> assertThat(n).contains("fell back to offline"));
        assertThat(w.grounding().grounded()).isTrue();
        Grounding g = new Grounding(request.groundingText());
        w.script().sections().forEach(s -> assertThat(g.problems(s.text())).isEmpty());
    }

    private void stub(String task, String content) throws Exception {
        OpenAiStub.server.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing(task))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(completion(content))));
    }

    private String completion(String content) throws Exception {
        return json.writeValueAsString(Map.of("id", "chatcmpl-test", "object", "chat.completion", "created", 1764115200,
                "model", "stub-model", "choices", java.util.List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", content))),
                "usage", Map.of("prompt_tokens", 100, "completion_tokens", 100, "total_tokens", 200)));
    }

    private String outline() throws Exception {
        return json.writeValueAsString(Map.of("problem", "adapting huge models is expensive", "analogy", "recipe cards",
                "method", "freeze the model, train small add-ons", "findings", java.util.List.of("fewer trainable parameters"),
                "quote", QUOTE, "audiences", java.util.List.of("researchers", "businesses"),
                "takeaways", java.util.List.of("cheap adaptation"), "questions", java.util.List.of("where does it fall short?")));
    }

    private String draft(String quote, String number) throws Exception {
        return json.writeValueAsString(Map.of(
                "description", "Ernis explains LoRA, a cheap way to adapt big language models.",
                "hook", "Hey PaperLedge learning crew, Ernis here, and today we're talking about adapting giant language models without breaking the bank." + FILLER + FILLER,
                "analogy", "Imagine a chef who already knows thousands of recipes, and you just hand them a few new recipe cards." + FILLER + FILLER,
                "method", "The authors freeze the big model and add small trainable pieces to each layer." + FILLER + FILLER,
                "findings", "According to the paper, LoRA can reduce the number of trainable parameters by " + number + " times and the GPU memory requirement by 3 times." + FILLER + FILLER,
                "quote", "In their words: \"" + quote + "\"" + FILLER,
                "whyItMatters", "For researchers, it makes experiments cheaper. For businesses, it makes custom models practical." + FILLER + FILLER,
                "takeaways", "Freeze the big model, train the small parts, and keep the quality." + FILLER + FILLER,
                "questions", "Where does LoRA fall short? Could it adapt a model to many tasks at once?" + FILLER,
                "signOff", "That's all for this episode, learning crew. Until next time, keep learning!" + FILLER));
    }
}
