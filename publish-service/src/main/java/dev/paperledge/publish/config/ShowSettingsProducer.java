package dev.paperledge.publish.config;

import dev.paperledge.publish.feed.ShowSettings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the show's settings injectable as one value. */
public class ShowSettingsProducer {
    @Produces
    @Singleton
    ShowSettings showSettings(ShowConfig c) {
        ShowConfig.Show s = c.show();
        return new ShowSettings(s.title(), s.description(), s.author(), s.ownerName(), s.ownerEmail(), s.host(),
                s.language(), s.category(), s.subcategory().orElse(null), s.explicit(), s.locked(), c.publicBaseUrl(),
                c.feed().aiContent(), c.websub().hub().orElse(null));
    }
}
