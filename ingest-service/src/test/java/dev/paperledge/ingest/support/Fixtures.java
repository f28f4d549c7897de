package dev.paperledge.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.paperledge.testkit.TestIds;

/** The project's recorded arXiv answers and helpers to write per-test papers next to them. */
public final class Fixtures {
    /** ../deploy/fixtures/arxiv relative to the module (the project's copy of the shared fixtures). */
    public static final Path ARXIV = Path.of("..", "deploy", "fixtures", "arxiv").toAbsolutePath().normalize();

    public static final List<String> EIGHT = List.of("2106.09685", "2205.04421", "2211.15533", "2212.04356",
            "2305.14314", "2305.20050", "2306.12925", "2310.08560");

    private Fixtures() {
    }

    /** A fresh new-style ID, never issued before in this test JVM. */
    public static String randomId() {
        return TestIds.fresh("26");
    }

    /** Copies the eight recorded answers into {@code dir}. */
    public static void copyEight(Path dir) {
        try (Stream<Path> files = Files.list(ARXIV)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".atom.xml")).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] read(String name) {
        try {
            return Files.readAllBytes(ARXIV.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code content} as the stand-in's file for {@code id} ('/' written as '_'). */
    public static void write(Path dir, String id, String suffix, byte[] content) {
        try {
            Files.write(dir.resolve(id.replace('/', '_') + suffix), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
