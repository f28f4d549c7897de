package dev.paperledge.testkit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fresh arXiv IDs for tests: random, so parallel runs and other modules don't collide, and never the same twice in
 * one test JVM (a module's tests share one database and one set of topics, where a repeat is a duplicate key or a
 * stray event).
 */
public final class TestIds {
    private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();

    private TestIds() {
    }

    /** A new-style ID {@code YYMM.NNNNN} with the given year prefix ({@code "26"}) and a random month and number. */
    public static String fresh(String year) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (true) {
            String id = "%s%02d.%05d".formatted(year, 1 + r.nextInt(12), 10000 + r.nextInt(90000));
            if (ISSUED.add(id)) {
                return id;
            }
        }
    }

    /** A new-style ID in a fixed month ({@code "2401"}), never issued before in this JVM. */
    public static String freshIn(String yymm) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (true) {
            String id = "%s.%05d".formatted(yymm, 10000 + r.nextInt(90000));
            if (ISSUED.add(id)) {
                return id;
            }
        }
    }
}
