package dev.paperledge.stage.db;

import java.io.Serializable;
import java.util.Objects;

import dev.paperledge.stage.runner.Production;

/**
 * The composite primary key of a row kept per production (arXiv ID, version, run): the kit's
 * {@link StageInput} and a service's own per-production rows ({@code @IdClass(ProductionKey.class)}).
 */
public class ProductionKey implements Serializable {
    public String arxivId;
    public int version;
    public int run;

    public ProductionKey() {
    }

    public ProductionKey(String arxivId, int version, int run) {
        this.arxivId = arxivId;
        this.version = version;
        this.run = run;
    }

    public static ProductionKey of(Production production) {
        return new ProductionKey(production.arxivId(), production.version(), production.run());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProductionKey k && Objects.equals(arxivId, k.arxivId) && version == k.version
                && run == k.run;
    }

    @Override
    public int hashCode() {
        return Objects.hash(arxivId, version, run);
    }
}
