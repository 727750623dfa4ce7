package io.graft.node.admin;

import com.sun.net.httpserver.HttpServer;
import io.graft.api.report.MemberReport;
import io.graft.node.json.JsonWriter;
import io.graft.node.json.ReportJson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin endpoints of one member, over the JDK's HTTP server; read-only, {@code GET} and {@code HEAD}:
 *
 * <ul>
 *   <li>{@code /metrics}: the metrics registry in Prometheus' text format (0.0.4);</li>
 *   <li>{@code /health/live}, {@code /health/ready}: 200 or 503 with {@code {"status":"UP"|"DOWN","reason":...}}
 *       (what each means: {@link Health});</li>
 *   <li>{@code /status}: the member's report as JSON (see {@link ReportJson}); 503 when it gives none;</li>
 *   <li>{@code /events?after=SEQ}: the last {@value EventLog#DEFAULT_CAPACITY} events as JSON, those numbered
 *       above {@code SEQ} when given (see {@link EventJson});</li>
 *   <li>{@code /history?after=MILLIS}: one sample a second for the last ten minutes as JSON, those taken after
 *       {@code MILLIS} when given (see {@link HistoryJson});</li>
 *   <li>{@code /}: the dashboard, a page that polls the endpoints above every second.</li>
 * </ul>
 *
 * <p>Closing it stops the server, the sampling and the event registration; the member and the registry stay as
 * they are.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    /** Content type of the Prometheus text format. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final HistorySampler sampler;
    private final AutoCloseable events;
    private boolean closed;

    private AdminServer(HttpServer server, ExecutorService executor, HistorySampler sampler, AutoCloseable events) {
        this.server = server;
        this.executor = executor;
        this.sampler = sampler;
        this.events = events;
    }

    /**
     * Starts serving {@code member}'s endpoints on {@code address} (port 0: any free port; {@link #address()} then
     * says which).
     *
     * @param registry the registry {@code /metrics} shows, and where the commit latency is read from
     * @param readyMaxApplyLag the most committed entries a ready member may have left to apply
     * @throws UncheckedIOException if the address cannot be bound (in use, or not of this machine)
     */
    public static AdminServer start(InetSocketAddress address, MemberView member, PrometheusMeterRegistry registry,
                                    long readyMaxApplyLag) {
        EventLog eventLog = new EventLog(EventLog.DEFAULT_CAPACITY);
        History history = new History(History.DEFAULT_CAPACITY);
        Health health = new Health(member, readyMaxApplyLag);
        StaticFiles files = new StaticFiles();
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the admin endpoints on " + address.getHostString() + ":"
                    + address.getPort() + ": " + e.getMessage(), e);
        }
        List<Route> routes = List.of(
                Route.exact("/metrics", (p, q) -> Optional.of(new Response(200, PROMETHEUS_TEXT,
                        registry.scrape().getBytes(StandardCharsets.UTF_8), false))),
                Route.exact("/health/live", (p, q) -> Optional.of(probe(health.live()))),
                Route.exact("/health/ready", (p, q) -> Optional.of(probe(health.ready()))),
                Route.exact("/status", (p, q) -> Optional.of(status(member))),
                Route.exact("/events", (p, q) -> Optional.of(Response.json(200,
                        EventJson.write(eventLog.after(Route.Query.number(q, "after").orElse(0)))))),
                Route.exact("/history", (p, q) -> Optional.of(Response.json(200,
                        HistoryJson.write(history.after(Route.Query.number(q, "after").orElse(Long.MIN_VALUE)))))),
                Route.under("/", (p, q) -> files.answer(p)));
        routes.forEach(r -> server.createContext(r.path(), r));
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "graft-admin-http-" + member.memberId());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        AutoCloseable events = member.addListener(eventLog);
        HistorySampler sampler = new HistorySampler(member, new CommitLatency(registry), history,
                System::currentTimeMillis);
        server.start();
        sampler.start(Duration.ofSeconds(1));
        return new AdminServer(server, executor, sampler, events);
    }

    /** The address the endpoints are served on. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The dashboard's address, e.g. {@code http://127.0.0.1:9400/}. */
    public URI url() {
        InetSocketAddress a = address();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    /** Stops serving; closing again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sampler.close();
        try {
            events.close();
        } catch (Exception e) {
            LOG.warn("Could not remove the admin server's event listener", e);
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Response probe(Health.Verdict verdict) {
        return Response.json(verdict.ok() ? 200 : 503, new JsonWriter().beginObject()
                .name("status").value(verdict.ok() ? "UP" : "DOWN")
                .name("reason").value(verdict.reason())
                .endObject().toString());
    }

    private static Response status(MemberView member) throws InterruptedException {
        MemberReport report;
        try {
            report = member.report().get(Health.REPORT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return Response.json(503, new JsonWriter().beginObject()
                    .name("memberId").value(member.memberId())
                    .name("running").value(member.running())
                    .name("error").value("no report: " + cause)
                    .endObject().toString());
        }
        return Response.json(200, ReportJson.write(report, member.running(), System.currentTimeMillis()));
    }
}
