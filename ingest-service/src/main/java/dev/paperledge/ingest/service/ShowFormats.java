package dev.paperledge.ingest.service;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.paperledge.contracts.EpisodeScript;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The episode formats a submission may ask for ({@code solo}: the show's host alone, {@code duo}: host
 * and co-host) and the default for a submission that names none ({@code PAPERLEDGE_SHOW_FORMAT}). A
 * configured value that is not a format stops start-up with what to set.
 */
@Startup
@ApplicationScoped
public class ShowFormats {
    public static final List<String> CHOICES = List.of(EpisodeScript.SOLO, EpisodeScript.DUO);

    private final String defaultFormat;

    public ShowFormats(@ConfigProperty(name = "paperledge.show.format", defaultValue = "solo") String configured) {
        this.defaultFormat = parse(configured).orElseThrow(() -> new IllegalStateException(
                "PAPERLEDGE_SHOW_FORMAT (paperledge.show.format) is '" + configured + "': set it to one of "
                        + choices()));
    }

    /** The format {@code input} names (case-insensitive, blanks around it ignored), or empty if none. */
    public static Optional<String> parse(String input) {
        String f = input == null ? "" : input.strip().toLowerCase(Locale.ROOT);
        return CHOICES.contains(f) ? Optional.of(f) : Optional.empty();
    }

    /**
     * The format a submission's {@code input} names; null for none (the field left out or null).
     *
     * @throws Unknown for a value that names no format
     */
    public static String ofSubmission(com.fasterxml.jackson.databind.JsonNode input) {
        if (input == null || input.isNull()) {
            return null;
        }
        String text = input.isTextual() ? input.asText() : input.toString();
        return parse(input.isTextual() ? text : null).orElseThrow(() -> new Unknown(text));
    }

    /** A submission named a format that is not one of {@link #CHOICES}. */
    public static class Unknown extends IllegalArgumentException {
        private final String input;

        public Unknown(String input) {
            super("unknown format");
            this.input = input;
        }

        public String input() {
            return input;
        }
    }

    /** The choices as a sentence names them: {@code solo, duo}. */
    public static String choices() {
        return String.join(", ", CHOICES);
    }

    /** The format of a submission that names none. */
    public String defaultFormat() {
        return defaultFormat;
    }
}
