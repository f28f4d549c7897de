package dev.paperledge.publish.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The {@code paperledge.*} settings of this service (see application.properties). */
@ConfigMapping(prefix = "paperledge")
public interface ShowConfig {
    @WithName("public-base-url")
    String publicBaseUrl();

    Show show();

    Page page();

    Feed feed();

    Storage storage();

    Websub websub();

    /** WebSub: with a hub set, every feed declares it and each change of a feed is pinged to it. */
    interface Websub {
        /** The hub's URL ({@code paperledge.websub.hub}); unset: no hub, no pings. */
        Optional<String> hub();

        /** How long one ping may take. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Storage {
        String bucket();
    }

    interface Show {
        String title();

        String description();

        String author();

        String ownerName();

        String ownerEmail();

        String host();

        String language();

        String category();

        Optional<String> subcategory();

        boolean explicit();

        boolean locked();

        int artworkSize();
    }

    interface Page {
        int size();

        /** A transcript larger than this is not read into the episode page (its link still works). */
        long transcriptMaxBytes();
    }

    interface Feed {
        Duration refreshEvery();

        /** The text of {@code <podcast:txt purpose="ai-content">} on the channel and every item. */
        String aiContent();
    }
}
