package dev.paperledge.script.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
    /** Sentences of host chatter, each different, to bring a draft to length without repeating itself. */
    static final String[] CHATTER = {
            " Stick with me here, because once this clicks you will see it everywhere.",
            " I love ideas like this, the kind you can explain over a cup of coffee.",
            " Hold that thought, because we will come back to it in a minute.",
            " Honestly, this is the part that made me sit up when I first read it.",
            " It is a gentle idea that turns a heavy problem into something light.",
            " And that, to me, is what makes this such a fun one to talk about.",
            " Picture the difference between repainting a whole house and touching up one wall.",
            " Keep that picture handy, because the results lean on it.",
            " That is a big deal for anyone who has ever waited on a slow computer.",
            " So the trick is less about power and more about being smart with it.",
            " I find that genuinely exciting, and I hope you do too.",
            " It is one of those ideas that seems obvious only after someone says it out loud.",
            " Think about how much time that saves over a whole year of experiments.",
            " This is where a small change ends up making a surprisingly large difference.",
            " If you are just joining us, do not worry, the main idea is simple.",
            " I keep coming back to how practical this feels.",
            " It really is a case of working smarter instead of harder.",
            " And the best part is that nothing about the original model is thrown away.",
            " Imagine handing a new employee a short cheat sheet instead of a whole new degree.",
            " That is the spirit of the whole paper in a nutshell.",
            " Now, I know that can sound abstract, so let us slow down for a moment.",
            " Chefs, houses, cheat sheets, it all comes back to the same simple move.",
            " You can almost hear the sigh of relief from everyone paying the electricity bill.",
            " I am a sucker for a result that is both elegant and useful.",
            " It is the kind of finding that quietly changes what people try next.",
            " Take a second to let that one land.",
            " Write that one down if you are taking notes at home.",
            " As always, the devil is in the details, and the details here are good news.",
            " I would love to hear how you would explain it to a friend.",
            " Sometimes the best ideas really are the small ones." };

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
        stub("TASK: SCRIPT", numbered(QUOTE, "10,000"));
        WrittenScript w = writer.write(request);
        assertThat(w.fallbackReason()).isNull();
        assertThat(w.writer()).isEqualTo("llm");
        assertThat(w.grounding().explain().recitalPercent()).isLessThanOrEqualTo(10.0);
        assertThat(w.grounding().explain().repeatedRuns()).isZero();
        // Each claim is tied to the passage that supports it; the quote to the sentence it quotes.
        EpisodeScript.Section method = w.script().sections().get(2);
        assertThat(method.provenance()).isNotEmpty();
        assertThat(method.provenance().get(0).text()).startsWith("We propose Low-Rank Adaptation");
        assertThat(w.script().sections().get(4).provenance()).extracting(EpisodeScript.Provenance::text).containsExactly(QUOTE);
        assertThat(w.script().sections().get(8).provenance()).isEmpty();
        assertThat(w.grounding().explain().sourcedLines()).isGreaterThanOrEqualTo(3);
        assertThat(w.script().writer()).isEqualTo("llm");
        assertThat(w.grounding().grounded()).isTrue();
        assertThat(w.grounding().repairs()).isZero();
        assertThat(w.script().sections()).extracting(EpisodeScript.Section::kind).containsExactly(EpisodeScript.Kind.values());
        assertThat(w.script().sections().get(9).text()).isEqualTo("Credit to Paper authors: " + request.paper().creditLine());
        assertThat(w.script().wordCount()).isBetween(480, 720);
    }

    @Test
    void onAFullTextPaperEverySourcedSentenceIsTiedToItsPassageInTheBody() throws Exception {
        ScriptRequest full = Fixtures.withFullText().stream().filter(p -> p.arxivId().equals("1204.6231")).findFirst().orElseThrow()
                .fullTextRequest();
        assertThat(full.abstractOnly()).isFalse();
        // The paper is longer than max-chunk-chars, so it goes to the model as notes first.
        stub("TASK: NOTES", json.writeValueAsString(Map.of("points", List.of("early warning signals can raise false alarms"))));
        stub("TASK: OUTLINE", outline());
        // The model's draft: an episode in the show's words, with one finding said the way a model would put it.
        String said = "On the glaciation record, the best sampled of the data sets, the gap between the two models was large enough to reject the stable one.";
        stub("TASK: SCRIPT", fromSections(new dev.paperledge.script.writer.OfflineScriptWriter(600).write(full).script(), said));
        WrittenScript w = writer.write(full);
        assertThat(w.fallbackReason()).isNull();
        assertThat(w.writer()).isEqualTo("llm");
        EpisodeScript s = w.script();
        dev.paperledge.script.writer.ExplainNotReciteTest.assertProvenance(s, full, "llm 1204.6231 full text");
        List<EpisodeScript.Provenance> sources = s.sections().stream().flatMap(x -> x.provenance().stream()).toList();
        assertThat(sources).hasSize(w.grounding().explain().sourcedLines()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(sources).filteredOn(p -> !"Abstract".equals(p.section())).as("sources in the body")
                .hasSizeGreaterThanOrEqualTo(3).allSatisfy(p -> assertThat(p.anchor()).matches("S\\d+"));
        EpisodeScript.Provenance finding = sources.stream().filter(p -> p.spoken().equals(said)).findFirst().orElseThrow();
        assertThat(finding.section()).isNotEqualTo("Abstract");
        assertThat(finding.text()).containsIgnoringCase("glaciation");
        assertThat(w.grounding().explain().sectionsUsed()).hasSizeGreaterThanOrEqualTo(2).doesNotContain("Abstract");
        assertThat(w.grounding().explain().abstractOnly()).isFalse();
    }

    /** A script's sections as the model's draft, {@code extraFinding} said first in the findings. */
    private String fromSections(EpisodeScript s, String extraFinding) throws Exception {
        Map<EpisodeScript.Kind, String> t = new java.util.EnumMap<>(EpisodeScript.Kind.class);
        s.sections().forEach(x -> t.put(x.kind(), x.text()));
        Map<String, String> d = new java.util.LinkedHashMap<>();
        d.put("description", s.description());
        d.put("hook", t.get(EpisodeScript.Kind.HOOK));
        d.put("analogy", t.get(EpisodeScript.Kind.ANALOGY));
        d.put("method", t.get(EpisodeScript.Kind.METHOD));
        d.put("findings", extraFinding + " " + t.get(EpisodeScript.Kind.FINDINGS));
        d.put("quote", t.get(EpisodeScript.Kind.QUOTE));
        d.put("whyItMatters", t.get(EpisodeScript.Kind.WHY_IT_MATTERS));
        d.put("takeaways", t.get(EpisodeScript.Kind.TAKEAWAYS));
        d.put("questions", t.get(EpisodeScript.Kind.QUESTIONS));
        d.put("signOff", t.get(EpisodeScript.Kind.SIGN_OFF));
        return json.writeValueAsString(d);
    }

    @Test
    void anUngroundedQuoteIsRepairedOnce() throws Exception {
        stub("TASK: OUTLINE", outline());
        stub("TASK: SCRIPT", numbered("LoRA is the best idea anyone has ever had.", "10,000"));
        stub("TASK: REPAIR", numbered(QUOTE, "10,000"));
        WrittenScript w = writer.write(request);
        assertThat(w.writer()).isEqualTo("llm");
        assertThat(w.grounding().repairs()).isEqualTo(1);
        OpenAiStub.server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("TASK: REPAIR")));
    }

    @Test
    void aQuoteStillUngroundedAfterTheRepairFallsBackToTheOfflineWriter() throws Exception {
        stub("TASK: OUTLINE", outline());
        stub("TASK: SCRIPT", numbered("LoRA is the best idea anyone has ever had.", "10,000"));
        stub("TASK: REPAIR", numbered("LoRA is the best idea anyone has ever had.", "20,000"));
        WrittenScript w = writer.write(request);
        assertFallback(w, "ungrounded");
        assertThat(w.grounding().explain().failedChecks()).contains("grounding");
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

    @Test
    void anAnswerTrickledSlowerThanThePapersDeadlineFallsBackToTheOfflineWriter() throws Exception {
        // Every chunk arrives within the client's 3 s read timeout, the whole answer only after 30 s.
        OpenAiStub.server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(completion(outline())).withChunkedDribbleDelay(30, 30_000)));
        long t0 = System.nanoTime();
        WrittenScript w = writer.write(request);
        assertFallback(w, "deadline of 8 s");
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(7_000L, 15_000L);
    }

    @Test
    void inDuoTheModelWritesAConversationThatPassesTheSameGate() throws Exception {
        ScriptRequest duo = new ScriptRequest(request.arxivId(), request.version(), request.paper(), request.text(),
                dev.paperledge.script.writer.Show.SOLO.withFormat("duo"));
        stub("TASK: OUTLINE", outline());
        stub("TASK: SCRIPT", turns(numbered(QUOTE, "10,000"), "Ernis", "Sam"));
        WrittenScript w = writer.write(duo);
        assertThat(w.fallbackReason()).isNull();
        assertThat(w.writer()).isEqualTo("llm");
        EpisodeScript s = w.script();
        assertThat(s.format()).isEqualTo("duo");
        assertThat(s.hosts()).extracting(EpisodeScript.Host::name).containsExactly("Ernis", "Sam");
        assertThat(s.sections()).allSatisfy(sec -> assertThat(sec.lines()).isNotEmpty());
        assertThat(s.sections().get(0).lines().get(0).speaker()).isEqualTo("Ernis");
        assertThat(s.sections().get(9).lines()).extracting(EpisodeScript.Line::speaker).containsExactly("Ernis");
        assertThat(new dev.paperledge.script.writer.ScriptGate(duo, 600).check(s)).isEmpty();
        // Sources found for the model's sentences sit inside one speaker's turn.
        for (EpisodeScript.Section sec : s.sections()) {
            for (EpisodeScript.Provenance p : sec.provenance()) {
                assertThat(sec.lines()).anySatisfy(l -> assertThat(l.text()).contains(p.spoken()));
            }
        }
        OpenAiStub.server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("two hosts speak, Ernis")));
    }

    @Test
    void aDialogueWhereTheCoHostBarelySpeaksIsRepairedThenFallsBack() throws Exception {
        ScriptRequest duo = new ScriptRequest(request.arxivId(), request.version(), request.paper(), request.text(),
                dev.paperledge.script.writer.Show.SOLO.withFormat("duo"));
        stub("TASK: OUTLINE", outline());
        // Every turn the host's but one: Sam has a few words only.
        String monologue = turns(numbered(QUOTE, "10,000"), "Ernis", "Ernis").replaceFirst("\"speaker\":\"Ernis\",\"text\":\"Imagine",
                "\"speaker\":\"Sam\",\"text\":\"Imagine");
        stub("TASK: SCRIPT", monologue);
        stub("TASK: REPAIR", monologue);
        WrittenScript w = writer.write(duo);
        assertFallback(w, "ungrounded, recited, repeated or unsupported");
        assertThat(w.grounding().explain().failedChecks()).contains("dialogue");
        assertThat(w.script().format()).isEqualTo("duo");
        OpenAiStub.server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("TASK: REPAIR"))
                .withRequestBody(containing("Sam speaks")));
    }

    /** A solo draft made into turns: each section's sentences alternate between the two speakers, the first first. */
    static String turns(String soloDraft, String first, String second) throws Exception {
        ObjectMapper m = new ObjectMapper();
        Map<String, Object> solo = m.readValue(soloDraft, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {
        });
        Map<String, Object> duo = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Object> e : solo.entrySet()) {
            if (e.getKey().equals("description")) {
                duo.put(e.getKey(), e.getValue());
                continue;
            }
            List<Map<String, String>> turns = new java.util.ArrayList<>();
            String[] sentences = ((String) e.getValue()).split("(?<=[.!?]\"?)\\s+");
            for (int i = 0; i < sentences.length; i++) {
                Map<String, String> turn = new java.util.LinkedHashMap<>();
                turn.put("speaker", i % 2 == 0 ? first : second);
                turn.put("text", sentences[i]);
                turns.add(turn);
            }
            duo.put(e.getKey(), turns);
        }
        return m.writeValueAsString(duo);
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

    private String numbered(String quote, String number) throws Exception {
        return draft(quote, "According to the paper, LoRA can shrink how many parameters you have to train by " + number
                + " times, and it needs about 3 times less GPU memory than full fine-tuning of GPT-3.");
    }

    /** A draft in the show's shape whose findings say {@code findings}; the rest is grounded, supported and never repeated. */
    static String draft(String quote, String findings) throws Exception {
        return draft(quote, findings, "Freeze the big model, train the small parts, and keep the quality.");
    }

    static String draft(String quote, String findings, String takeaways) throws Exception {
        return new ObjectMapper().writeValueAsString(Map.of(
                "description", "Ernis explains LoRA, a way to adapt large language models by training small low-rank matrices.",
                "hook", "Hey PaperLedge learning crew, Ernis here, and today we're talking about adapting giant language models without breaking the bank."
                        + CHATTER[0] + CHATTER[1] + CHATTER[2] + CHATTER[20] + CHATTER[21],
                "analogy", "Imagine a chef who already knows thousands of recipes, and you just hand them a few new recipe cards."
                        + CHATTER[3] + CHATTER[4] + CHATTER[5] + CHATTER[22],
                "method", "The authors freeze the pre-trained weights and add small trainable rank decomposition matrices to every Transformer layer."
                        + CHATTER[6] + CHATTER[7] + CHATTER[8] + CHATTER[23] + CHATTER[24],
                "findings", findings + CHATTER[9] + CHATTER[10] + CHATTER[11] + CHATTER[25] + CHATTER[26],
                "quote", "In their words: \"" + quote + "\"" + CHATTER[12],
                "whyItMatters", "For researchers, it makes experiments cheaper. For businesses, it makes custom models practical."
                        + CHATTER[13] + CHATTER[14],
                "takeaways", takeaways + CHATTER[15] + CHATTER[16] + CHATTER[27] + CHATTER[28],
                "questions", "Where does LoRA fall short? Could it adapt a model to many tasks at once?" + CHATTER[17],
                "signOff", "That's all for this episode, learning crew. Until next time, keep learning!" + CHATTER[18] + CHATTER[19]
                        + CHATTER[29]));
    }

    @Test
    void aScriptThatRecitesTheAbstractIsRejectedForRecital() throws Exception {
        stub("TASK: OUTLINE", outline());
        String recited = "We propose Low-Rank Adaptation, or LoRA, which freezes the pre-trained model weights and injects trainable rank decomposition matrices into each layer of the Transformer architecture, greatly reducing the number of trainable parameters for downstream tasks. Compared to GPT-3 175B fine-tuned with Adam, LoRA can reduce the number of trainable parameters by 10,000 times and the GPU memory requirement by 3 times.";
        stub("TASK: SCRIPT", draft(QUOTE, recited));
        stub("TASK: REPAIR", draft(QUOTE, recited));
        WrittenScript w = writer.write(request);
        assertFallback(w, "failed the gate");
        assertThat(w.fallbackReason()).contains("recital:");
        assertThat(w.grounding().explain().failedChecks()).contains("recital");
        OpenAiStub.server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("read back from the abstract")));
    }

    @Test
    void aScriptThatRepeatsItselfIsRejectedForRepetition() throws Exception {
        stub("TASK: OUTLINE", outline());
        String twice = "Freeze the big model and train the small parts, and you keep the quality you had.";
        String d = draft(QUOTE, "LoRA needs about 3 times less GPU memory. " + twice, twice);
        stub("TASK: SCRIPT", d);
        stub("TASK: REPAIR", d);
        WrittenScript w = writer.write(request);
        assertFallback(w, "failed the gate");
        assertThat(w.fallbackReason()).contains("repetition:");
        assertThat(w.grounding().explain().failedChecks()).containsExactly("repetition");
    }

    @Test
    void aClaimNoPassageSupportsIsRejected() throws Exception {
        stub("TASK: OUTLINE", outline());
        String d = draft(QUOTE, "LoRA was first tested on protein folding and weather forecasting, where it predicted hurricanes weeks ahead.");
        stub("TASK: SCRIPT", d);
        stub("TASK: REPAIR", d);
        WrittenScript w = writer.write(request);
        assertFallback(w, "failed the gate");
        assertThat(w.fallbackReason()).contains("support:").contains("hurricanes");
        assertThat(w.grounding().explain().failedChecks()).containsExactly("support");
    }

    @Test
    void aUrlIsRejected() throws Exception {
        stub("TASK: OUTLINE", outline());
        String d = draft(QUOTE, "LoRA needs about 3 times less GPU memory, and the code is at github.com/microsoft/LoRA for anyone.");
        stub("TASK: SCRIPT", d);
        stub("TASK: REPAIR", d);
        WrittenScript w = writer.write(request);
        assertFallback(w, "failed the gate");
        assertThat(w.fallbackReason()).contains("url:");
        assertThat(w.grounding().explain().failedChecks()).contains("url");
    }

    @Test
    void numbersSpelledOutAreGroundedToo() throws Exception {
        stub("TASK: OUTLINE", outline());
        String d = draft(QUOTE, "LoRA trains forty thousand times fewer parameters and needs about 3 times less GPU memory.");
        stub("TASK: SCRIPT", d);
        stub("TASK: REPAIR", d);
        WrittenScript w = writer.write(request);
        assertFallback(w, "failed the gate");
        assertThat(w.fallbackReason()).contains("forty thousand (40,000)");
    }
}
