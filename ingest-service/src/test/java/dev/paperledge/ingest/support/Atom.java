package dev.paperledge.ingest.support;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds arXiv API answers (Atom) for tests, in the shape of the recorded fixtures. */
public final class Atom {
    private Atom() {
    }

    public static byte[] entry(String id, int version, String title, List<String> authors, String abstractText,
            String primary, List<String> categories) {
        return entry(id, version, title, authors, abstractText, primary, categories, "2026-01-01T09:00:00Z");
    }

    /** As the other, first submitted at {@code published} (what a listing sorts by). */
    public static byte[] entry(String id, int version, String title, List<String> authors, String abstractText,
            String primary, List<String> categories, String published) {
        StringBuilder a = new StringBuilder();
        for (String author : authors) {
            a.append("    <author><name>").append(xml(author)).append("</name></author>\n");
        }
        StringBuilder c = new StringBuilder();
        for (String cat : categories) {
            c.append("    <category term=\"").append(cat).append("\" scheme=\"http://arxiv.org/schemas/atom\"/>\n");
        }
        String s = """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
                  <id>https://arxiv.org/api/test</id>
                  <title>ArXiv Query: id_list=%1$s</title>
                  <updated>2026-01-01T00:00:00Z</updated>
                  <opensearch:totalResults>1</opensearch:totalResults>
                  <opensearch:startIndex>0</opensearch:startIndex>
                  <opensearch:itemsPerPage>1</opensearch:itemsPerPage>
                  <entry>
                    <id>https://arxiv.org/abs/%1$sv%2$d</id>
                    <updated>2026-01-02T10:00:00Z</updated>
                    <published>%8$s</published>
                    <title>%3$s</title>
                    <summary>%4$s</summary>
                %5$s    <arxiv:primary_category term="%6$s" scheme="http://arxiv.org/schemas/atom"/>
                %7$s  </entry>
                </feed>
                """.formatted(id, version, xml(title), xml(abstractText), a, primary, c, published);
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A simple paper: title "Paper <id>", two authors, cs.CL. */
    public static byte[] simple(String id, int version) {
        return entry(id, version, "A Study of Things " + id, List.of("Ada Lovelace", "Alan Turing"),
                "We study things. We find that things matter in 42% of cases.", "cs.CL", List.of("cs.CL", "cs.LG"));
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
