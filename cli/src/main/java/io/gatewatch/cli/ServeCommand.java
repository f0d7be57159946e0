package io.gatewatch.cli;

import io.gatewatch.core.ecs.JsonOutput;
import io.gatewatch.server.DetectSettings;
import io.gatewatch.server.JournalRetention;
import io.gatewatch.server.detect.DetectionStage;
import io.gatewatch.server.Server;
import io.gatewatch.server.ServerConfig;
import io.gatewatch.server.StoreSettings;
import io.gatewatch.server.cti.CtiSettings;
import io.gatewatch.server.cti.RetroHuntSettings;
import io.gatewatch.server.listen.BoundListener;
import io.gatewatch.server.listen.SyslogListeners;
import io.gatewatch.store.retention.RetentionPolicy;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gatewatch serve}: runs the intake server until Ctrl-C or SIGTERM. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Receives syslog over UDP, TCP and TLS (RFC 6587: octet-counted or LF-terminated), RELP (plain"
                + " and TLS, acknowledged once on disk) and an HTTP intake API compatible with that of"
                + " Sekoia.io (/plain, /plain/batch, /jsons, /, /batch, /array).",
            "Each event is tied to its intake by its key: in syslog and RELP, RFC 5424 structured data"
                + " [SEKOIA@53288 intake_key=\"...\"], and without it the listener's intake ('default', or the one"
                + " --listen binds the port to); over HTTP, the"
                + " X-SEKOIAIO-INTAKE-KEY header, the Basic password, the intake_key query parameter or body field."
                + " Events are written to the journal in DIR/journal, fsync'd in groups.",
            "Ctrl-C or SIGTERM stops accepting, writes what was received, and exits 0. One JSON line on"
                + " standard error says where everything listens; another, at the end, what was received."
        })
final class ServeCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML settings (keys: data, host, syslog.tcp_port, syslog.udp_port, syslog.tls.{port,cert,key,client_ca},"
                    + " relp.port, relp.tls_port, http.port, limits.{max_event_bytes,queue,max_connections},"
                    + " listeners, store.*, journal.*, detect.*, cti.feeds: TAXII collections to poll); flags given on the command line win.")
    Path configFile;

    @Mixin
    DataDirOption data;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--syslog-tcp-port", paramLabel = "PORT", defaultValue = "" + ServerConfig.DEFAULT_SYSLOG_PORT,
            description = "Syslog over TCP; 0 picks a free port, -1 disables (default: ${DEFAULT-VALUE}).")
    int tcpPort;

    @Option(names = "--syslog-udp-port", paramLabel = "PORT", defaultValue = "" + ServerConfig.DEFAULT_SYSLOG_PORT,
            description = "Syslog over UDP; 0 picks a free port, -1 disables (default: ${DEFAULT-VALUE}).")
    int udpPort;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "" + ServerConfig.DEFAULT_HTTP_PORT,
            description = "HTTP intake API (Sekoia.io-compatible); 0 picks a free port, -1 disables (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--relp-port", paramLabel = "PORT", defaultValue = "" + ServerConfig.DEFAULT_RELP_PORT,
            description = "RELP, acknowledged once on disk (rsyslog's omrelp); 0 picks a free port, -1 disables (default: ${DEFAULT-VALUE}).")
    int relpPort;

    @Option(names = "--relp-tls-port", paramLabel = "PORT", defaultValue = "" + ServerConfig.DEFAULT_RELP_TLS_PORT,
            description = "RELP over TLS, with the --tls-* certificates; on when they are given (default: ${DEFAULT-VALUE}).")
    int relpTlsPort;

    @Option(names = "--syslog-tls-port", paramLabel = "PORT", defaultValue = "" + ServerConfig.DEFAULT_SYSLOG_TLS_PORT,
            description = "Syslog over TLS (RFC 5425), on when --tls-cert and --tls-key are given (default: ${DEFAULT-VALUE}).")
    int tlsPort;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Server certificate chain (PEM).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Server private key (PKCS#8 PEM).")
    Path tlsKey;

    @Option(names = "--tls-client-ca", paramLabel = "PEM",
            description = "CA that client certificates must chain to; when set, clients must present one (mutual TLS).")
    Path tlsClientCa;

    @Option(names = "--max-event-bytes", paramLabel = "BYTES", defaultValue = "" + ServerConfig.DEFAULT_MAX_FRAME_BYTES,
            description = "Largest event accepted (default: ${DEFAULT-VALUE}).")
    int maxEventBytes;

    @Option(names = "--retention-days", paramLabel = "DAYS", defaultValue = "" + RetentionPolicy.DEFAULT_DAYS,
            description = "Days of events the store keeps, for intakes without their own setting (default: ${DEFAULT-VALUE};"
                + " per intake: store.retention_by_intake in the config file).")
    int retentionDays;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "More Sigma rules to run on every event (a directory, searched recursively; repeatable).")
    List<Path> ruleDirs = new ArrayList<>();

    @Option(names = "--no-builtin-rules", description = "Do not load the built-in rule pack.")
    boolean noBuiltinRules;

    @Option(names = "--no-detect", description = "Store events without running detection.")
    boolean noDetect;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "" + SyslogListeners.DEFAULT_MAX_CONNECTIONS,
            description = "TCP connections open at once over the syslog, TLS and RELP listeners; more are closed at once "
                    + "and counted (default: ${DEFAULT-VALUE}). Each may hold a partial event of up to --max-event-bytes.")
    int maxConnections;

    @Option(names = "--listen", paramLabel = "PROTOCOL:PORT:INTAKE",
            description = "A listener of its own for one intake (repeatable), for appliances that send plain syslog without "
                    + "the intake key: tcp, udp, tls, relp or relp-tls (the TLS ones with --tls-cert/--tls-key), e.g. "
                    + "tcp:1515:vpn-eu. A key in the event still wins. Replaces the config file's listeners.")
    List<String> listen = new ArrayList<>();

    @Option(names = "--no-store", description = "Run the intake only: no store, no search API (the journal still keeps every event).")
    boolean noStore;

    private final PrintStream err = System.err;

    /** The HTTP stack's start-up chatter is not ours to print; warnings still are. Held: JUL keeps loggers weakly. */
    private static final java.util.logging.Logger JETTY = java.util.logging.Logger.getLogger("org.eclipse.jetty");
    private static final java.util.logging.Logger JAVALIN = java.util.logging.Logger.getLogger("io.javalin");

    static {
        JETTY.setLevel(java.util.logging.Level.WARNING);
        JAVALIN.setLevel(java.util.logging.Level.WARNING);
    }

    @Override
    public Integer call() throws Exception {
        ServerConfig config;
        int queue = 65_536;
        boolean storeEnabled = !noStore;
        java.util.Map<String, Integer> retentionByIntake = java.util.Map.of();
        long refreshMillis = StoreSettings.defaults().refreshMillis();
        long commitMillis = StoreSettings.defaults().commitMillis();
        int indexThreads = StoreSettings.defaults().indexThreads();
        JournalRetention journalRetention = JournalRetention.defaults();
        boolean detectEnabled = !noDetect;
        boolean builtinRules = !noBuiltinRules;
        List<BoundListener> boundFromFile = List.of();
        CtiSettings cti = CtiSettings.defaults();
        if (configFile != null) {
            io.gatewatch.server.ConfigFile file = io.gatewatch.server.ConfigFile.read(configFile);
            data.dir = given("--data") ? data.dir : file.path("data", data.dir);
            host = given("--host") ? host : file.string("host", host);
            tcpPort = given("--syslog-tcp-port") ? tcpPort : file.integer("syslog.tcp_port", tcpPort);
            udpPort = given("--syslog-udp-port") ? udpPort : file.integer("syslog.udp_port", udpPort);
            tlsPort = given("--syslog-tls-port") ? tlsPort : file.integer("syslog.tls.port", tlsPort);
            tlsCert = given("--tls-cert") ? tlsCert : file.path("syslog.tls.cert", tlsCert);
            tlsKey = given("--tls-key") ? tlsKey : file.path("syslog.tls.key", tlsKey);
            tlsClientCa = given("--tls-client-ca") ? tlsClientCa : file.path("syslog.tls.client_ca", tlsClientCa);
            relpPort = given("--relp-port") ? relpPort : file.integer("relp.port", relpPort);
            relpTlsPort = given("--relp-tls-port") ? relpTlsPort : file.integer("relp.tls_port", relpTlsPort);
            httpPort = given("--http-port") ? httpPort : file.integer("http.port", httpPort);
            maxEventBytes = given("--max-event-bytes") ? maxEventBytes : file.integer("limits.max_event_bytes", maxEventBytes);
            queue = file.integer("limits.queue", queue);
            maxConnections = given("--max-connections") ? maxConnections : file.integer("limits.max_connections", maxConnections);
            boundFromFile = file.listeners();
            storeEnabled = given("--no-store") ? false : file.bool("store.enabled", storeEnabled);
            retentionDays = given("--retention-days") ? retentionDays : file.integer("store.retention_days", retentionDays);
            retentionByIntake = file.integers("store.retention_by_intake");
            refreshMillis = file.integer("store.refresh_ms", (int) refreshMillis);
            indexThreads = file.integer("store.index_threads", indexThreads);
            commitMillis = file.integer("store.commit_ms", (int) commitMillis);
            detectEnabled = given("--no-detect") ? false : file.bool("detect.enabled", detectEnabled);
            builtinRules = given("--no-builtin-rules") ? false : file.bool("detect.builtin", builtinRules);
            if (!given("--rules")) {
                ruleDirs = file.paths("detect.rules");
            }
            cti = CtiSettings.read(file, System::getenv);
            try {
                journalRetention = new JournalRetention(
                        (long) file.integer("journal.max_gib", (int) (JournalRetention.DEFAULT_MAX_BYTES >> 30)) << 30,
                        file.integer("journal.max_age_days", (int) (JournalRetention.DEFAULT_MAX_AGE_MILLIS / 86_400_000L)) * 86_400_000L);
            } catch (IllegalArgumentException e) {
                err.println("gatewatch serve: " + configFile + ": " + e.getMessage());
                return 2;
            }
        }
        StoreSettings storeSettings;
        try {
            storeSettings = new StoreSettings(storeEnabled, new RetentionPolicy(retentionDays, retentionByIntake), refreshMillis,
                    commitMillis, indexThreads);
        } catch (IllegalArgumentException e) {
            err.println("gatewatch serve: " + e.getMessage());
            return 2;
        }
        try {
            if ((tlsCert == null) != (tlsKey == null)) {
                throw new IllegalArgumentException("--tls-cert and --tls-key go together");
            }
            ServerConfig.Tls tls = tlsCert == null ? null
                    : new ServerConfig.Tls(tlsPort, tlsCert, tlsKey, tlsClientCa, relpTlsPort);
            List<BoundListener> bound = new ArrayList<>();
            for (String spec : listen) {
                bound.add(BoundListener.parse(spec));
            }
            if (listen.isEmpty()) {
                bound = boundFromFile;
            }
            config = new ServerConfig(data.dir, host, tcpPort, udpPort, httpPort, relpPort, tls, maxEventBytes, queue,
                    maxConnections, bound);
        } catch (IllegalArgumentException e) {
            err.println("gatewatch serve: " + e.getMessage());
            return 2;
        }
        CountDownLatch stop = new CountDownLatch(1);
        // Handle the signals ourselves, rather than in a shutdown hook, so that a clean stop exits 0.
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> stop.countDown());
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> stop.countDown());
        Server server;
        try {
            server = Server.start(config, storeSettings, journalRetention,
                    new DetectSettings(detectEnabled, builtinRules, ruleDirs), RetroHuntSettings.defaults(), cti);
        } catch (IllegalArgumentException e) {
            err.println("gatewatch serve: " + e.getMessage());
            return 2;
        } catch (java.net.BindException e) {
            err.println("gatewatch serve: cannot listen on " + host + ": " + e.getMessage()
                    + " (another server running? choose ports with --syslog-tcp-port, --syslog-udp-port, --relp-port, --http-port)");
            return 1;
        }
        JsonOutput line = new JsonOutput(512);
        line.raw((byte) '{');
        pair(line, "event", "started", false);
        pair(line, "syslog_tcp", server.syslogTcpPort() < 0 ? "off" : host + ":" + server.syslogTcpPort(), true);
        pair(line, "syslog_udp", server.syslogUdpPort() < 0 ? "off" : host + ":" + server.syslogUdpPort(), true);
        pair(line, "syslog_tls", server.syslogTlsPort() < 0 ? "off" : host + ":" + server.syslogTlsPort(), true);
        pair(line, "relp", server.relpPort() < 0 ? "off" : host + ":" + server.relpPort(), true);
        pair(line, "relp_tls", server.relpTlsPort() < 0 ? "off" : host + ":" + server.relpTlsPort(), true);
        pair(line, "http", server.httpPort() < 0 ? "off" : "http://" + host + ":" + server.httpPort(), true);
        for (int i = 0; i < config.listeners().size(); i++) {
            BoundListener l = config.listeners().get(i);
            pair(line, "listen_" + l.protocol().label().replace('-', '_') + "_" + server.boundPorts().get(i),
                    host + ":" + server.boundPorts().get(i) + " for intake " + l.intake(), true);
        }
        pair(line, "data", data.dir.toAbsolutePath().normalize().toString(), true);
        pair(line, "default_intake", server.defaultIntake().name(), true);
        pair(line, "default_intake_key", server.defaultIntake().key(), true);
        pair(line, "store", server.store() == null ? "off" : data.dir.resolve("store").toAbsolutePath().normalize().toString(), true);
        pair(line, "retention", storeSettings.retention().toString(), true);
        pair(line, "alerts", server.detection() == null ? "off"
                : data.dir.resolve(DetectionStage.ALERTS_FILE).toAbsolutePath().normalize().toString(), true);
        pair(line, "taxii_feeds", server.store() == null || cti.feeds().isEmpty() ? "off"
                : String.join(",", cti.feeds().stream().map(f -> f.feed().source()).toList()), true);
        if (server.firstTokenFile() != null) {
            // Created on this first start: say where the operator finds it (the token itself stays off the logs).
            pair(line, "api_token_file", server.firstTokenFile().toAbsolutePath().normalize().toString(), true);
        }
        line.raw((byte) '}');
        err.println(line);
        stop.await();
        server.close();
        err.println("{\"event\":\"stopped\",\"received\":" + server.ingest().received() + ",\"refused_unknown_key\":"
                + server.ingest().refused() + ",\"rejected_frames\":" + server.rejectedFrames() + ",\"journal_end\":"
                + server.journal().endOffset() + ",\"alerts\":" + (server.detection() == null ? 0 : server.detection().alerts()) + "}");
        return 0;
    }

    /** Whether the flag was given on the command line (and so wins over the file). */
    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private static void pair(JsonOutput out, String name, String value, boolean comma) {
        if (comma) {
            out.raw((byte) ',');
        }
        out.string(name);
        out.raw((byte) ':');
        out.string(value);
    }
}
