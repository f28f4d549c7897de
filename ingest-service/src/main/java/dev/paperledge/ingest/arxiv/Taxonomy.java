package dev.paperledge.ingest.arxiv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * arXiv's category taxonomy ({@code cs.CL} → "Computation and Language"), shipped as the resource
 * {@code arxiv/taxonomy.tsv}: every archive's categories plus the archives merged since (old-style
 * identifiers still name them).
 */
public final class Taxonomy {
    private static final Taxonomy STANDARD = load("/arxiv/taxonomy.tsv");

    private final Map<String, String> names;

    private Taxonomy(Map<String, String> names) {
        this.names = Collections.unmodifiableMap(names);
    }

    public static Taxonomy standard() {
        return STANDARD;
    }

    /** The human name of a category code; empty when arXiv has no such category. */
    public Optional<String> name(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(names.get(code));
    }

    /**
     * The best human name for a category: its own, else its archive's (a category newer than this
     * table), else the code itself.
     */
    public String displayName(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        return name(code).or(() -> name(code.contains(".") ? code.substring(0, code.indexOf('.')) : code))
                .orElse(code);
    }

    public Map<String, String> all() {
        return names;
    }

    private static Taxonomy load(String resource) {
        try (InputStream in = Taxonomy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            Map<String, String> map = new LinkedHashMap<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null;) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                map.put(line.substring(0, tab).strip(), line.substring(tab + 1).strip());
            }
            return new Taxonomy(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
