package dev.paperledge.script.writer;

import java.util.List;
import java.util.Locale;

import dev.paperledge.contracts.EpisodeScript;

/**
 * Who the episode is for: the format ({@code solo} or {@code duo}) and the hosts' names.
 *
 * @param format {@link EpisodeScript#SOLO} or {@link EpisodeScript#DUO}
 * @param host   the show's host, who leads (Ernis)
 * @param cohost the second voice of a duo episode (unused in solo)
 */
public record Show(String format, String host, String cohost) {
    public static final List<String> FORMATS = List.of(EpisodeScript.SOLO, EpisodeScript.DUO);
    public static final Show SOLO = new Show(EpisodeScript.SOLO, "Ernis", "Sam");

    public Show {
        format = parseFormat(format);
        if (host == null || host.isBlank() || cohost == null || cohost.isBlank()) {
            throw new IllegalArgumentException("a show needs its host's and co-host's names");
        }
        host = host.strip();
        cohost = cohost.strip();
        if (host.equalsIgnoreCase(cohost)) {
            throw new IllegalArgumentException("the host and the co-host need different names, not both " + host);
        }
    }

    /** {@code solo} or {@code duo} (any case, surrounding blanks ignored); anything else is refused with the choices. */
    public static String parseFormat(String format) {
        String f = format == null ? "" : format.strip().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(f)) {
            throw new IllegalArgumentException("unknown show format '" + format + "': use one of " + FORMATS);
        }
        return f;
    }

    public boolean duo() {
        return EpisodeScript.DUO.equals(format);
    }

    public Show withFormat(String newFormat) {
        return new Show(newFormat, host, cohost);
    }

    /** The script's hosts: the host alone, or the host then the co-host. */
    public List<EpisodeScript.Host> hosts() {
        EpisodeScript.Host lead = new EpisodeScript.Host(host, EpisodeScript.Host.HOST);
        return duo() ? List.of(lead, new EpisodeScript.Host(cohost, EpisodeScript.Host.COHOST)) : List.of(lead);
    }
}
