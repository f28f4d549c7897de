package dev.paperledge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/local/stack.sh's PID files after a crash, on the cheapest component it runs (the arXiv
 * stand-in, up in about a second): a PID file naming a zombie or a process that is not the
 * component must not pass for "already running"; start brings the component back.
 */
class StackScriptTest {
    @TempDir
    Path state;
    private int port;
    private Process decoy;

    @BeforeEach
    void freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        stack("stop", "arxiv-standin");
        if (decoy != null) {
            decoy.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void startBringsBackAComponentWhosePidFileNamesAZombie() throws Exception {
        // The child exits after its parent has become a sleep that never waits, so it is never reaped
        // (a child that exited before the exec could be reaped by bash itself).
        Path pid = state.resolve("zombie.pid");
        decoy = new ProcessBuilder("bash", "-c", "sleep 0.3 & echo $! >" + pid + "; exec sleep 60").start();
        String zombie = awaitPid(pid);
        awaitState(zombie, "Z");
        writePidFile(zombie);

        Result r = stack("start", "arxiv-standin");

        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).doesNotContain("already running");
        assertStandInAnswers();
    }

    @Test
    void startBringsBackAComponentWhosePidWentToAnotherProgram() throws Exception {
        decoy = new ProcessBuilder("sleep", "60").start();
        writePidFile(String.valueOf(decoy.pid()));

        Result r = stack("start", "arxiv-standin");

        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).doesNotContain("already running");
        assertStandInAnswers();
        assertThat(decoy.isAlive()).as("the unrelated process is left alone").isTrue();
    }

    @Test
    void aRunningComponentIsLeftAsItIsAndAKilledOneComesBack() throws Exception {
        assertThat(stack("start", "arxiv-standin").exit).isZero();
        String first = Files.readString(state.resolve("run/arxiv-standin.pid")).strip();

        Result again = stack("start", "arxiv-standin");
        assertThat(again.exit).as(again.output).isZero();
        assertThat(again.output).contains("already running");

        new ProcessBuilder("kill", "-9", first).start().waitFor();
        Result restarted = stack("start", "arxiv-standin");
        assertThat(restarted.exit).as(restarted.output).isZero();
        assertThat(Files.readString(state.resolve("run/arxiv-standin.pid")).strip()).isNotEqualTo(first);
        assertStandInAnswers();
    }

    private void writePidFile(String pid) throws IOException {
        Files.createDirectories(state.resolve("run"));
        Files.writeString(state.resolve("run/arxiv-standin.pid"), pid + "\n");
    }

    private static String awaitPid(Path file) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (Files.exists(file) && !Files.readString(file).isBlank()) {
                return Files.readString(file).strip();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no pid in " + file);
    }

    private static void awaitState(String pid, String state) throws Exception {
        for (int i = 0; i < 100; i++) {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            if (stat.substring(stat.lastIndexOf(')') + 2).startsWith(state)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(pid + " never reached state " + state);
    }

    private void assertStandInAnswers() throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/query?id_list=2106.09685"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("LoRA");
    }

    private record Result(int exit, String output) {
    }

    private Result stack(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", "deploy/local/stack.sh"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(E2eStack.ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("PAPERLEDGE_STATE_DIR", state.toString());
        pb.environment().put("PAPERLEDGE_ARXIV_STANDIN_PORT", String.valueOf(port));
        pb.environment().put("PAPERLEDGE_START_TIMEOUT", "15");
        pb.environment().remove("PAPERLEDGE_ARXIV_BASE_URL");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
