package dev.paperledge.ingest.arxiv;

/**
 * The way to arXiv: its API for metadata and its site for full texts. The real default is
 * {@link HttpArxivClient}; tests point it at the local stand-in.
 *
 * <p>Implementations build every URL from a validated {@link ArxivId} (never from user text), keep to
 * arXiv's etiquette (at most one request per interval for the whole service, a descriptive
 * User-Agent) and retry transient failures (429, 5xx, timeouts) with exponential backoff up to a cap.
 */
public interface ArxivClient {

    /**
     * The paper's metadata.
     *
     * @throws ArxivException permanent when the API finds no such paper or answers with its error
     *                        entry; transient when it stayed unavailable through all retries
     */
    ArxivMetadata metadata(ArxivId id) throws ArxivException;

    /**
     * One page of a {@code search_query} listing, newest submissions first.
     *
     * @param query arXiv's query language before URL encoding, e.g. {@code (cat:cs.CL) AND (au:"Y Bengio")}
     * @param start offset of the page's first paper
     * @param max   papers per page
     * @throws ArxivException permanent for an answer that is no listing (unreadable, the API's error entry);
     *                        transient when arXiv stayed unavailable through all retries
     */
    AtomParser.Listing search(String query, int start, int max) throws ArxivException;

    /**
     * A full-text document: {@code kind} is {@code html} or {@code pdf}.
     *
     * @return the document, or null when arXiv has none of that kind (404)
     * @throws ArxivException when it could not be fetched (too large, wrong content type, unavailable)
     */
    Document fullText(ArxivId id, String kind) throws ArxivException;

    /** A fetched document: its bytes and declared content type. */
    record Document(byte[] bytes, String contentType, String url) {
    }
}
