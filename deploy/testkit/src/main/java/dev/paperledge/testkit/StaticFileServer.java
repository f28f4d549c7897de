package dev.paperledge.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * The benchmarks' baseline: one file served by the JDK's HTTP server, read from disk on every
 * request, as a plain static file server would (JDK 17 has no SimpleFileServer).
 */
public final class StaticFileServer implements AutoCloseable {
    static {
        // With Nagle on, the JDK server's separate header and body writes stall on the client's
        // delayed ACK (~40 ms a request for a small file): an unfair baseline. Read once per JVM,
        // when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final String name;

    /** Serves {@code file} at {@code /<file name>} on 127.0.0.1:port (0: any free port). */
    public StaticFileServer(Path file, String contentType, int port, int threads) throws IOException {
        this.name = file.getFileName().toString();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        this.workers = Executors.newFixedThreadPool(threads);
        server.createContext("/" + name, ex -> {
            byte[] body = Files.readAllBytes(file);
            ex.getResponseHeaders().set("Content-Type", contentType);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(workers);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
