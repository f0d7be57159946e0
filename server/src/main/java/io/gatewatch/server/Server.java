package io.gatewatch.server;

import io.gatewatch.core.intake.Intake;
import io.gatewatch.core.intake.IntakeRegistry;
import io.gatewatch.core.journal.SegmentedJournal;
import io.gatewatch.server.http.IntakeApi;
import io.gatewatch.server.ingest.Ingest;
import io.gatewatch.server.ingest.IntakeResolver;
import io.gatewatch.server.ingest.JournalWriter;
import io.gatewatch.server.listen.SyslogListeners;
import io.gatewatch.server.metrics.ServerMetrics;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The intake server, wired by hand: listeners → {@link Ingest} (intake of each event) →
 * {@link JournalWriter} (group commit) → the journal in {@code DATA/journal}.
 *
 * <p>On first start it registers an intake named {@value #DEFAULT_INTAKE}; events that carry no
 * intake key belong to it.
 */
public final class Server implements AutoCloseable {
    public static final String DEFAULT_INTAKE = "default";

    private final ServerConfig config;
    private final SegmentedJournal journal;
    private final JournalWriter writer;
    private final Ingest ingest;
    private final ServerMetrics metrics;
    private final SyslogListeners syslog;
    private final IntakeApi http;
    private final Intake defaultIntake;

    private Server(ServerConfig config) throws IOException, InterruptedException {
        this.config = config;
        IntakeRegistry registry = new IntakeRegistry(config.dataDir());
        Intake found = null;
        for (Intake i : registry.list()) {
            if (i.name().equals(DEFAULT_INTAKE)) {
                found = i;
            }
        }
        if (found == null) {
            found = registry.add(new Intake(DEFAULT_INTAKE, IntakeRegistry.generateKey(), "auto", "UTC",
                    System.currentTimeMillis()));
        }
        this.defaultIntake = found;
        this.journal = SegmentedJournal.open(config.dataDir().resolve("journal"), SegmentedJournal.DEFAULT_SEGMENT_BYTES);
        this.writer = new JournalWriter(journal, config.queueCapacity());
        this.metrics = new ServerMetrics();
        this.ingest = new Ingest(new IntakeResolver(config.dataDir()), writer, metrics);
        SegmentedJournal j = journal;
        metrics.gauge("gatewatch_journal_end_offset", "offset the next record gets", j::endOffset);
        metrics.gauge("gatewatch_journal_durable_offset", "records on disk", j::durableOffset);
        metrics.gauge("gatewatch_journal_queue", "events waiting for the journal", writer::queued);
        SyslogListeners listeners = null;
        IntakeApi api = null;
        try {
            ServerConfig.Tls tls = config.tls();
            io.netty.handler.ssl.SslContext tlsContext = tls == null ? null : TlsContexts.server(tls);
            listeners = new SyslogListeners(ingest, config.host(), config.syslogTcpPort(), config.syslogUdpPort(),
                    tls == null ? -1 : tls.port(), tlsContext, DEFAULT_INTAKE, config.maxFrameBytes());
            if (tls != null && tls.relpPort() >= 0) {
                listeners.bindRelpTls(ingest, config.host(), tls.relpPort(), tlsContext, DEFAULT_INTAKE, config.maxFrameBytes());
            }
            if (config.relpPort() >= 0) {
                listeners.bindRelp(ingest, config.host(), config.relpPort(), DEFAULT_INTAKE, config.maxFrameBytes());
            }
            api = config.httpPort() < 0 ? null : new IntakeApi(ingest, config.host(), config.httpPort(), metrics);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (listeners != null) {
                listeners.close();
            }
            writer.close();
            journal.close();
            throw e;
        }
        this.syslog = listeners;
        this.http = api;
    }

    /** Starts the server: every listener is bound when this returns. */
    public static Server start(ServerConfig config) throws IOException, InterruptedException {
        return new Server(config);
    }

    public int syslogTcpPort() {
        return syslog.tcpPort();
    }

    public int syslogUdpPort() {
        return syslog.udpPort();
    }

    public int relpPort() {
        return syslog.relpPort();
    }

    public int relpTlsPort() {
        return syslog.relpTlsPort();
    }

    public int syslogTlsPort() {
        return syslog.tlsPort();
    }

    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    public Intake defaultIntake() {
        return defaultIntake;
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    public Ingest ingest() {
        return ingest;
    }

    public SegmentedJournal journal() {
        return journal;
    }

    public long rejectedFrames() {
        return syslog.rejectedFrames();
    }

    public Path dataDir() {
        return config.dataDir();
    }

    /** Stops accepting, writes and fsyncs everything received, closes the journal. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (http != null) {
            http.close();
        }
        syslog.close();
        writer.close();
        journal.close();
    }
}
