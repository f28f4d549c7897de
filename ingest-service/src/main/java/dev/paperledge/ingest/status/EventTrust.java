package dev.paperledge.ingest.status;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.EpisodePublished;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.PaperIngested;
import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.contracts.PipelineEvent;
import dev.paperledge.contracts.ScriptReady;

/**
 * What a stage's event says is checked before the status projection believes it: the object keys it
 * names must sit under that paper's own prefix (its ID, version and run: {@code papers/{id}/v{n}/},
 * {@code scripts/{id}/v{n}/r{run}/}, {@code audio/{id}/v{n}/r{run}/}), and URLs (the paper's abstract
 * page, the episode's page, shown on the dashboard and the API) must be absolute http(s) URLs. An
 * event that breaks either is refused with the reason logged, not projected.
 */
public final class EventTrust {
    private EventTrust() {
    }

    /** What is wrong with the event; empty when it can be projected. */
    public static List<String> problems(PipelineEvent event) {
        List<String> problems = new ArrayList<>();
        String id = event.arxivId();
        try {
            ObjectKeys.idPart(id);
        } catch (IllegalArgumentException e) {
            problems.add("arxivId is not an arXiv ID");
            return problems;
        }
        if (event instanceof PaperIngested e) {
            String prefix = ObjectKeys.paper(id, e.version(), "");
            keys(problems, prefix, "metadataKey", e.metadataKey(), "textKey", e.textKey());
            summary(problems, e.paper());
        } else if (event instanceof ScriptReady e) {
            String prefix = ObjectKeys.script(id, e.version(), e.run(), "");
            keys(problems, prefix, "scriptKey", e.scriptKey(), "markdownKey", e.markdownKey());
            summary(problems, e.paper());
        } else if (event instanceof AudioReady e) {
            String prefix = ObjectKeys.audio(id, e.version(), e.run(), "");
            keys(problems, prefix, "audioKey", e.audioKey(), "chaptersKey", e.chaptersKey(), "transcriptKey",
                    e.transcriptKey(), "qualityKey", e.qualityKey(), "jsonTranscriptKey", e.jsonTranscriptKey());
            summary(problems, e.paper());
        } else if (event instanceof EpisodePublished e && e.episodeUrl() != null && !isHttpUrl(e.episodeUrl())) {
            problems.add("episodeUrl is not an http(s) URL");
        }
        return problems;
    }

    /** An absolute http or https URL with a host. */
    public static boolean isHttpUrl(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null && !u.getHost().isEmpty();
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** Keys given as name, value pairs; a missing (null) key is not checked here. */
    private static void keys(List<String> problems, String prefix, String... namesAndKeys) {
        for (int i = 0; i < namesAndKeys.length; i += 2) {
            String key = namesAndKeys[i + 1];
            if (key != null && !(key.startsWith(prefix) && key.length() > prefix.length() && !key.contains("..")
                    && key.matches("[\\x21-\\x7e]+"))) {
                problems.add(namesAndKeys[i] + " is not under " + prefix);
            }
        }
    }

    private static void summary(List<String> problems, PaperSummary paper) {
        if (paper != null && paper.absUrl() != null && !isHttpUrl(paper.absUrl())) {
            problems.add("paper.absUrl is not an http(s) URL");
        }
    }
}
