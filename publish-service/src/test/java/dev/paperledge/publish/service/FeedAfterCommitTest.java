package dev.paperledge.publish.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.paperledge.stage.failure.PermanentFailure;
import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.EpisodePublished;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.publish.domain.Episode;
import dev.paperledge.stage.storage.ObjectStore;
import dev.paperledge.publish.support.Episodes;
import dev.paperledge.publish.support.TestData;
import dev.paperledge.publish.support.TestMp3;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The stored feed ({@code feed/feed.xml}, what other instances serve) only ever shows committed
 * episodes, and events only name the paper's own objects (issue 20, items 8 and 6).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedAfterCommitTest {
    @Inject
    TestData data;
    @Inject
    EpisodeService episodes;
    @Inject
    FeedService feeds;
    @Inject
    PublishStage stage;
    @Inject
    ObjectStore store;

    final List<String> ids = new ArrayList<>();

    @AfterAll
    void cleanUp() {
        ids.forEach(data::removeEpisode);
    }

    String newId() {
        String id = Episodes.randomId();
        ids.add(id);
        return id;
    }

    String storedFeed() {
        return new String(store.get(FeedService.FEED_KEY).orElseThrow(), StandardCharsets.UTF_8);
    }

    AudioReady production(String id, String title) {
        return data.production(id, 1, TestMp3.sine(1, 440), TestData.paper(id, title, List.of("A. Author")));
    }

    @Test
    void anEpisodeWhoseTransactionRollsBackNeverReachesTheStoredFeed() {
        String id = newId();
        AudioReady evt = production(id, "Rolled back");
        feeds.rebuild();
        String before = storedFeed();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            episodes.publish(evt);
            assertThat(Episode.<Episode>findById(id)).as("recorded inside the transaction").isNotNull();
            throw new IllegalStateException("the database goes away before the commit");
        })).hasMessageContaining("before the commit");
        assertThat(episodes.find(id)).isEmpty();
        assertThat(storedFeed()).isEqualTo(before).doesNotContain(EpisodeService.guidFor(id));
        assertThat(new String(feeds.current().content(), StandardCharsets.UTF_8))
                .doesNotContain(EpisodeService.guidFor(id));
    }

    @Test
    void theStageStoresTheFeedAfterTheCommitAndARebuildGivesTheSameRevision() {
        String id = newId();
        Optional<EpisodePublished> out = stage.publish(production(id, "Committed first"));
        assertThat(out).isPresent();
        String revision = out.get().feedRevision();
        assertThat(storedFeed()).contains(EpisodeService.guidFor(id));
        assertThat(store.stat(FeedService.FEED_KEY).orElseThrow().userMetadata()).containsEntry("revision", revision);
        assertThat(episodes.find(id).orElseThrow().feedRevision).isEqualTo(revision);
        // re-derivable: rebuilding from the database gives the same bytes
        assertThat(feeds.rebuild().revision()).isEqualTo(revision);

        // a redelivery changes nothing and announces the same revision
        assertThat(stage.publish(production(id, "Committed first")).orElseThrow().feedRevision()).isEqualTo(revision);
    }

    @Test
    void anEventNamingAnotherPapersObjectsFailsTheStageAndPublishesNothing() {
        String id = newId();
        String other = Episodes.randomId();
        AudioReady honest = production(id, "Forged keys");
        AudioReady otherPaper = production(other, "Someone else's");
        AudioReady forged = new AudioReady(id, 1, 1, honest.paper(), honest.episodeTitle(), honest.description(),
                honest.audioKey(), honest.durationMs(), honest.byteSize(), honest.mimeType(), honest.chaptersKey(),
                otherPaper.transcriptKey(), "test", Instant.now());
        assertThatThrownBy(() -> stage.validate(forged)).isInstanceOf(PermanentFailure.class)
                .hasMessage("object " + otherPaper.transcriptKey() + " named by AudioReady is not one of " + id
                        + "'s own (under audio/" + id + "/)");
        AudioReady outside = new AudioReady(id, 1, 1, honest.paper(), honest.episodeTitle(), honest.description(),
                "audio/" + id + "/../" + other + "/v1/r1/episode.mp3", honest.durationMs(), honest.byteSize(),
                honest.mimeType(), null, null, "test", Instant.now(), null, null,
                ObjectKeys.feed("feed.xml"));
        assertThatThrownBy(() -> stage.validate(outside)).isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("is not one of " + id + "'s own");
        assertThatThrownBy(() -> stage.handle(forged, 1)).isInstanceOf(PermanentFailure.class);
        assertThat(episodes.find(id)).isEmpty();
        assertThat(storedFeed()).doesNotContain(EpisodeService.guidFor(id));
        data.removeEpisode(other);
    }
}
