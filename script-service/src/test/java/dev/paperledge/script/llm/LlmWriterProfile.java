package dev.paperledge.script.llm;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

public class LlmWriterProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        // The writer is called directly; this profile does not take part in the shared pipeline.
        return Map.of("paperledge.script.writer", "llm", "mp.messaging.incoming.papers-in.enabled", "false",
                "mp.messaging.incoming.retries-in.enabled", "false",
                // Short enough that a trickling answer (under the 3 s client timeout per read) meets it.
                "paperledge.script.llm.deadline", "8s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OpenAiStub.class));
    }
}
