package dev.paperledge.audio.mix;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Addresses of one paper version on arXiv: a section of its HTML rendering
 * ({@code https://arxiv.org/html/2106.09685v2#S3}) and its abstract page
 * ({@code https://arxiv.org/abs/2106.09685v2}). Old-style IDs keep their slash, as arXiv's own
 * addresses do ({@code https://arxiv.org/abs/hep-th/9901001v1}).
 */
public final class PaperLinks {
    /** New style {@code 2106.09685}, old style {@code hep-th/9901001} or {@code math.AG/0309136}. */
    private static final Pattern ARXIV_ID = Pattern.compile("\\d{4}\\.\\d{4,5}|[a-z]+(-[a-z]+)*(\\.[A-Z]{2})?/\\d{7}");
    private static final Pattern VERSIONED = Pattern.compile("(.+)v\\d+");

    private final String path;

    private PaperLinks(String path) {
        this.path = path;
    }

    /**
     * @param version the paper's version; below 1: no version in the address (the latest)
     * @return the links, or null when {@code arxivId} is not an arXiv identifier
     */
    public static PaperLinks of(String arxivId, int version) {
        if (arxivId == null) {
            return null;
        }
        String id = arxivId.strip();
        var versioned = VERSIONED.matcher(id);
        if (!ARXIV_ID.matcher(id).matches() && versioned.matches() && ARXIV_ID.matcher(versioned.group(1)).matches()) {
            id = versioned.group(1);
        }
        if (!ARXIV_ID.matcher(id).matches()) {
            return null;
        }
        return new PaperLinks(version >= 1 ? id + "v" + version : id);
    }

    /** The paper's abstract page. */
    public String abstractPage() {
        return uri("/abs/" + path, null);
    }

    /** The section's anchor in the paper's HTML rendering; the abstract page when there is no anchor. */
    public String section(String anchor) {
        return anchor == null || anchor.isBlank() ? abstractPage() : uri("/html/" + path, anchor.strip());
    }

    private static String uri(String path, String fragment) {
        try {
            return new URI("https", "arxiv.org", path, fragment).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot make an arXiv address of " + path, e);
        }
    }
}
