package dev.paperledge.stage.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.paperledge.stage.storage.ObjectStoreUnavailable;

/** The in-memory store answers as the MinIO adapter does, so a stage's logic can be tested without S3. */
class InMemoryObjectStoreTest {
    final InMemoryObjectStore store = new InMemoryObjectStore();

    @Test
    void aMissingObjectIsEmptyNotAnError() {
        assertThat(store.get("papers/x/v1/sections.json")).isEmpty();
        assertThat(store.stat("papers/x/v1/sections.json")).isEmpty();
    }

    @Test
    void whatIsWrittenIsReadBackWithItsSizeMetadataAndRanges() throws IOException {
        byte[] mp3 = "ID3 0123456789".getBytes(StandardCharsets.UTF_8);
        store.put("audio/x/v1/r1/episode.mp3", mp3, "audio/mpeg", Map.of("revision", "7"));
        mp3[0] = 'X'; // the store keeps its own copy
        assertThat(new String(store.get("audio/x/v1/r1/episode.mp3").orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("ID3 0123456789");
        assertThat(store.stat("audio/x/v1/r1/episode.mp3").orElseThrow()).satisfies(info -> {
            assertThat(info.size()).isEqualTo(14);
            assertThat(info.userMetadata()).containsEntry("revision", "7");
        });
        assertThat(store.contentType("audio/x/v1/r1/episode.mp3")).isEqualTo("audio/mpeg");
        try (InputStream in = store.read("audio/x/v1/r1/episode.mp3", 4, 3)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("012");
        }
        try (InputStream in = store.read("audio/x/v1/r1/episode.mp3", 10, -1)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("6789");
        }
        store.remove("audio/x/v1/r1/episode.mp3");
        assertThat(store.keys()).isEmpty();
    }

    @Test
    void aStoreThatIsDownFailsEveryCallAsUnavailable() {
        store.put("k", new byte[] { 1 }, "application/octet-stream");
        store.down(true);
        assertThat(store.ready()).isFalse();
        assertThatThrownBy(() -> store.get("k")).isInstanceOf(ObjectStoreUnavailable.class);
        assertThatThrownBy(() -> store.put("k", new byte[0], "x")).isInstanceOf(ObjectStoreUnavailable.class);
        assertThatThrownBy(() -> store.stat("k")).isInstanceOf(ObjectStoreUnavailable.class);
        store.down(false);
        assertThat(store.get("k")).isPresent();
    }
}
