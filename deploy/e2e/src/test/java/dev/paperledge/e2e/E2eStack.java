package dev.paperledge.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end stack: deploy/local/infra.sh and stack.sh run with deploy/local/e2e.env, so the
 * services run exactly as the README starts them, on their own ports, broker, bucket and database.
 */
final class E2eStack {
    static final Path ROOT = Path.of(System.getProperty("paperledge.root", "../..")).toAbsolutePath().normalize();
    static final String INGEST = "http://127.0.0.1:28081";
    static final String PUBLISH = "http://localhost:28080";
    static final String SCRIPT_METRICS = "http://127.0.0.1:29082/q/metrics";
    static final String AUDIO_METRICS = "http://127.0.0.1:29083/q/metrics";
    static final String KAFKA = "127.0.0.1:29092";
    static final String S3 = "http://127.0.0.1:29000";
    static final String API_KEY = System.getenv().getOrDefault("PAPERLEDGE_OPERATOR_API_KEY",
            "paperledge-local-operator-key");

    private E2eStack() {
    }

    /** Starts the e2e infrastructure and the services (one instance each) with extra environment. */
    static void up(java.util.Map<String, String> env) throws IOException, InterruptedException {
        run(env, "infra.sh", "up");
        run(env, "stack.sh", "up");
    }

    /** Runs a deploy/local script with the e2e environment; fails with its output if it fails. */
    static String run(String script, String... args) throws IOException, InterruptedException {
        return run(java.util.Map.of(), script, args);
    }

    /** The same, with extra environment variables (e.g. another fixtures folder for the stand-in). */
    static String run(java.util.Map<String, String> env, String script, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c",
                "source deploy/local/e2e.env && deploy/local/" + script + " \"$@\"", script));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("e2e-" + script, ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(Duration.ofMinutes(6).toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(script + " timed out:\n" + Files.readString(out));
        }
        String output = Files.readString(out);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(script + " " + String.join(" ", args) + " failed:\n" + output);
        }
        return output;
    }

    /** A running component's PID, from its PID file; empty when there is none. */
    static String pid(String component) {
        try {
            return Files.readString(ROOT.resolve(".paperledge/e2e/run/" + component + ".pid")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Resident memory of a running component, from its PID file; -1 when it is not running. */
    static long rssKb(String component) {
        try {
            String pid = pid(component);
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static String log(String service) throws IOException {
        Path log = ROOT.resolve(".paperledge/e2e/logs/" + service + ".log");
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }
}
