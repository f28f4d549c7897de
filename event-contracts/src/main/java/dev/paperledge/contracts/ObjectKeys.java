package dev.paperledge.contracts;

/**
 * Where each service keeps its artifacts in the object store. Each service writes only under its
 * own prefix; others read what an event points to.
 */
public final class ObjectKeys {
    private ObjectKeys() {
    }

    /** arXiv IDs may contain '/' (old style, {@code hep-th/9901001}); keys use '_' instead. */
    public static String idPart(String arxivId) {
        if (arxivId == null || !arxivId.matches("[A-Za-z0-9.\\-/]+") || arxivId.contains("..")) {
            throw new IllegalArgumentException("not an arXiv id usable in an object key: " + arxivId);
        }
        return arxivId.replace('/', '_');
    }

    public static String paper(String arxivId, int version, String file) {
        return "papers/" + idPart(arxivId) + "/v" + version + "/" + file;
    }

    public static String script(String arxivId, int version, int run, String file) {
        return "scripts/" + idPart(arxivId) + "/v" + version + "/r" + run + "/" + file;
    }

    public static String audio(String arxivId, int version, int run, String file) {
        return "audio/" + idPart(arxivId) + "/v" + version + "/r" + run + "/" + file;
    }

    public static String feed(String file) {
        return "feed/" + file;
    }
}
