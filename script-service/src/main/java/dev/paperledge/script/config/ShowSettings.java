package dev.paperledge.script.config;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.paperledge.script.writer.Show;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The show as configured: its default format ({@code PAPERLEDGE_SHOW_FORMAT}, used when an ingested
 * event names none) and the hosts' names. A bad value stops start-up with what to set.
 */
@Startup
@ApplicationScoped
public class ShowSettings {
    private final Show show;

    public ShowSettings(@ConfigProperty(name = "paperledge.show.format", defaultValue = "solo") String format,
            @ConfigProperty(name = "paperledge.show.host", defaultValue = "Ernis") String host,
            @ConfigProperty(name = "paperledge.show.cohost", defaultValue = "Sam") String cohost) {
        try {
            this.show = new Show(format, host, cohost);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("PAPERLEDGE_SHOW_FORMAT / PAPERLEDGE_SHOW_HOST / PAPERLEDGE_SHOW_COHOST: "
                    + e.getMessage(), e);
        }
    }

    public Show show() {
        return show;
    }
}
