package dev.paperledge.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.paperledge.testkit.ArxivStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the arXiv stand-in on a free port, serving a temporary folder that holds the eight
 * recorded answers; tests add their own papers to {@link #folder()} while it runs.
 */
public class StandInResource implements QuarkusTestResourceLifecycleManager {
    private static ArxivStandIn standIn;
    private static Path folder;

    public static ArxivStandIn standIn() {
        return standIn;
    }

    public static Path folder() {
        return folder;
    }

    /** A new random paper the stand-in knows (version 1, abstract only: no HTML, no PDF). */
    public static String newPaper() {
        String id = Fixtures.randomId();
        Fixtures.write(folder, id, ".atom.xml", Atom.simple(id, 1));
        return id;
    }

    @Override
    public Map<String, String> start() {
        try {
            folder = Files.createTempDirectory("ingest-standin");
            Fixtures.copyEight(folder);
            standIn = new ArxivStandIn(folder, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("paperledge.arxiv.base-url", standIn.baseUrl(),
                "paperledge.arxiv.fulltext-base-url", standIn.baseUrl());
    }

    @Override
    public void stop() {
        if (standIn != null) {
            standIn.close();
        }
    }
}
