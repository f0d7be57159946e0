package io.gatewatch.server;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.intake.Intake;
import io.gatewatch.core.intake.IntakeRegistry;
import io.gatewatch.core.journal.Journal;
import io.gatewatch.core.journal.SegmentedJournal;
import io.gatewatch.core.pulse.PulseParser;
import io.gatewatch.core.intake.IntakeParsers;
import io.gatewatch.server.auth.ApiTokens;
import io.gatewatch.server.http.IntakeApi;
import io.gatewatch.server.listen.BoundListener;
import io.gatewatch.detect.sigma.BuiltinRules;
import io.gatewatch.detect.sigma.LoadError;
import io.gatewatch.detect.sigma.RuleFile;
import io.gatewatch.detect.sigma.RuleSet;
import io.gatewatch.server.cti.CtiSettings;
import io.gatewatch.server.cti.CtiStage;
import io.gatewatch.server.cti.RetroHunt;
import io.gatewatch.server.cti.RetroHuntSettings;
import io.gatewatch.server.cti.TaxiiFeeds;
import io.gatewatch.server.detect.DetectionStage;
import io.gatewatch.server.search.SearchApi;
import io.gatewatch.alerts.AlertStore;
import io.gatewatch.server.alerts.AlertsApi;
import io.gatewatch.server.attack.AttackApi;
import io.gatewatch.store.feed.PipelineStage;
import java.util.ArrayList;
import java.util.List;
import io.gatewatch.store.feed.StoreFeeder;
import io.gatewatch.store.index.LuceneEventStore;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.gatewatch.server.ingest.Ingest;
import io.gatewatch.server.ingest.IntakeResolver;
import io.gatewatch.server.ingest.JournalWriter;
import io.gatewatch.server.ingest.ResendFilter;
import io.gatewatch.server.listen.SyslogListeners;
import io.gatewatch.server.metrics.ServerMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The intake server, wired by hand: listeners → {@link Ingest} (intake of each event) →
 * {@link JournalWriter} (group commit) → the journal in {@code DATA/journal}.
 *
 * <p>On first start it registers an intake named {@value #DEFAULT_INTAKE}; events that carry no
 * intake key belong to it. On every start it loads the journal's tail into a {@link ResendFilter},
 * so that what RELP senders resend after the restart is not stored twice.
 */
public final class Server implements AutoCloseable {
    public static final String DEFAULT_INTAKE = "default";
    private static final Logger LOG = Logger.getLogger(Server.class.getName());

    private final ServerConfig config;
    private final SegmentedJournal journal;
    private final JournalWriter writer;
    private final Ingest ingest;
    private final ServerMetrics metrics;
    private final SyslogListeners syslog;
    private final IntakeApi http;
    private final Intake defaultIntake;
    private final StoreSettings storeSettings;
    private final JournalRetention journalRetention;
    private final ApiTokens tokens;
    private final Path firstTokenFile;
    private LuceneEventStore store;
    private StoreFeeder feeder;
    /** Threat-intelligence matching, before detection (so rules and the store see its enrichments). */
    private CtiStage cti;
    private DetectionStage detection;
    /** Searches stored events for newly imported indicators; null when detection is off. */
    private RetroHunt retroHunt;
    /** Detection's alerts grouped for analysts ({@code DATA/alerts/alerts.db}); null when detection is off. */
    private AlertStore alertStore;
    /** The rules detection runs, loaded once for it and the coverage API; null when detection is off. */
    private RuleSet rules;
    /** The TAXII collections polled into sources; null when none is configured or the store is off. */
    private TaxiiFeeds taxiiFeeds;
    private ScheduledExecutorService maintenance;
    /** The ports {@link ServerConfig#listeners()} listen on, in their order. */
    private final List<Integer> boundPorts = new ArrayList<>();

    private Server(ServerConfig config, StoreSettings storeSettings, JournalRetention journalRetention,
            DetectSettings detectSettings, RetroHuntSettings retroHuntSettings, CtiSettings ctiSettings,
            UnaryOperator<Journal> journalView) throws IOException, InterruptedException {
        this.config = config;
        this.storeSettings = storeSettings;
        this.journalRetention = journalRetention;
        IntakeRegistry registry = new IntakeRegistry(config.dataDir());
        Intake found = null;
        java.util.Set<String> intakeNames = new java.util.HashSet<>();
        for (Intake i : registry.list()) {
            intakeNames.add(i.name());
            if (i.name().equals(DEFAULT_INTAKE)) {
                found = i;
            }
        }
        for (BoundListener l : config.listeners()) {
            if (!l.intake().equals(DEFAULT_INTAKE) && !intakeNames.contains(l.intake())) {
                throw new IllegalArgumentException("listener " + l + ": there is no intake named '" + l.intake()
                        + "' (add it with: gatewatch intake add " + l.intake() + ")");
            }
        }
        if (found == null) {
            found = registry.add(new Intake(DEFAULT_INTAKE, IntakeRegistry.generateKey(), "auto", "UTC",
                    System.currentTimeMillis()));
        }
        this.defaultIntake = found;
        this.journal = SegmentedJournal.open(config.dataDir().resolve("journal"), SegmentedJournal.DEFAULT_SEGMENT_BYTES);
        ResendFilter resends;
        try {
            resends = ResendFilter.load(journal, ResendFilter.DEFAULT_MAX_RECORDS, ResendFilter.DEFAULT_MAX_AGE,
                    ResendFilter.DEFAULT_WINDOW);
        } catch (IOException e) {
            // A damaged old segment must not keep the intake down: resends may then be stored twice.
            LOG.warning("cannot read the journal's tail, resends after this restart will not be recognised: " + e.getMessage());
            resends = ResendFilter.off();
        }
        this.metrics = new ServerMetrics();
        this.writer = new JournalWriter(journalView.apply(journal), config.queueCapacity(), metrics.journalSync());
        this.ingest = new Ingest(new IntakeResolver(config.dataDir()), writer, metrics, resends);
        SegmentedJournal j = journal;
        ResendFilter r = resends;
        metrics.gauge("gatewatch_journal_end_offset", "offset the next record gets", j::endOffset);
        metrics.gauge("gatewatch_journal_durable_offset", "records on disk", j::durableOffset);
        metrics.gauge("gatewatch_journal_queue", "events waiting for the journal", writer::queued);
        metrics.gauge("gatewatch_journal_bytes", "bytes of the journal's segments on disk", j::sizeBytes);
        metrics.gauge("gatewatch_backpressure_paused_connections", "connections not read while the journal is behind",
                () -> writer.backpressure().pausedConnections());
        metrics.gauge("gatewatch_resend_filter_remaining", "journal tail events a RELP sender may still resend", r::remaining);
        this.tokens = new ApiTokens(config.dataDir());
        SyslogListeners listeners = null;
        IntakeApi api = null;
        Path tokenFile = null;
        try {
            if (storeSettings.enabled()) {
                store = LuceneEventStore.open(config.dataDir().resolve("store"), storeSettings.indexSettings());
                List<PipelineStage> stages = new ArrayList<>();
                cti = CtiStage.open(config.dataDir(), System::currentTimeMillis);
                stages.add(cti);
                if (detectSettings.enabled()) {
                    rules = loadRules(detectSettings);
                    alertStore = AlertStore.open(config.dataDir());
                    detection = DetectionStage.open(config.dataDir(), rules, metrics, alertStore);
                    stages.add(detection);
                }
                IntakeParsers parsers = new IntakeParsers(config.dataDir());
                ServerMetrics m = metrics;
                feeder = new StoreFeeder(journal, store, record -> {
                    EcsEvent event = parsers.parse(record);
                    m.parsed(record.intake(), PulseParser.isUnparsed(event));
                    return event;
                }, storeSettings.feederSettings(), stages).start();
                StoreFeeder f = feeder;
                LuceneEventStore st = store;
                metrics.gauge("gatewatch_store_lag_records", "journal records not yet indexed", f::lag);
                metrics.gauge("gatewatch_store_next_offset", "journal offset the store has durably indexed up to", st::nextOffset);
                if (detection != null) {
                    retroHunt = RetroHunt.start(config.dataDir(), cti.intel(), store, detection, retroHuntSettings,
                            System::currentTimeMillis);
                }
                if (!ctiSettings.feeds().isEmpty()) {
                    // Into the stage's own sources: an import is matched at once, and hunted by the retro-hunt.
                    taxiiFeeds = TaxiiFeeds.start(ctiSettings.feeds(), cti.intel(), config.dataDir(), metrics);
                }
                tokenFile = tokens.createFirstIfNone();
            } else if (!ctiSettings.feeds().isEmpty()) {
                LOG.warning("the store is off: TAXII feeds are not polled, nothing would match their indicators");
            }
            maintenance = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("gatewatch-maintenance").daemon(true).factory());
            maintenance.scheduleWithFixedDelay(this::applyRetention, 0, 1, TimeUnit.MINUTES);
            ServerConfig.Tls tls = config.tls();
            io.netty.handler.ssl.SslContext tlsContext = tls == null ? null : TlsContexts.server(tls);
            listeners = new SyslogListeners(ingest, config.host(), config.syslogTcpPort(), config.syslogUdpPort(),
                    tls == null ? -1 : tls.port(), tlsContext, DEFAULT_INTAKE, config.maxFrameBytes(), config.maxConnections());
            SyslogListeners open = listeners;
            metrics.gauge("gatewatch_connections_open", "TCP connections open over all listeners", open::openConnections);
            if (tls != null && tls.relpPort() >= 0) {
                listeners.bindRelpTls(ingest, config.host(), tls.relpPort(), tlsContext, DEFAULT_INTAKE, config.maxFrameBytes());
            }
            if (config.relpPort() >= 0) {
                listeners.bindRelp(ingest, config.host(), config.relpPort(), DEFAULT_INTAKE, config.maxFrameBytes());
            }
            for (BoundListener l : config.listeners()) {
                boundPorts.add(listeners.bind(ingest, config.host(), l, tlsContext, config.maxFrameBytes()));
            }
            SearchApi search = store == null ? null : new SearchApi(store, journal, tokens);
            AlertsApi alertsApi = alertStore == null ? null : new AlertsApi(alertStore, tokens);
            AttackApi attack = new AttackApi(rules, tokens);
            api = config.httpPort() < 0 ? null : new IntakeApi(ingest, config.host(), config.httpPort(), metrics,
                    cfg -> {
                        if (search != null) {
                            search.register(cfg);
                        }
                        if (alertsApi != null) {
                            alertsApi.register(cfg);
                        }
                        attack.register(cfg);
                    });
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (listeners != null) {
                listeners.close();
            }
            writer.close();
            stopDownstream();
            journal.close();
            throw e;
        }
        this.firstTokenFile = tokenFile;
        this.syslog = listeners;
        this.http = api;
        if (api != null) {
            try {
                RunningServer.write(config.dataDir(), config.host(), api.port());
            } catch (IOException e) {
                LOG.warning("cannot write " + config.dataDir().resolve(RunningServer.FILE) + " (commands on this data"
                        + " directory will read the committed store, not this server): " + e);
            }
        }
    }

    /** Starts the server: every listener is bound when this returns. */
    public static Server start(ServerConfig config) throws IOException, InterruptedException {
        return new Server(config, StoreSettings.defaults(), JournalRetention.defaults(), DetectSettings.defaults(),
                RetroHuntSettings.defaults(), CtiSettings.defaults(), UnaryOperator.identity());
    }

    /**
     * Starts the server with the journal's writer going through {@code journalView}, a wrapper
     * around the journal (tests use one to hold the writer back, as a slow disk would).
     */
    public static Server start(ServerConfig config, UnaryOperator<Journal> journalView) throws IOException, InterruptedException {
        return new Server(config, StoreSettings.defaults(), JournalRetention.defaults(), DetectSettings.defaults(),
                RetroHuntSettings.defaults(), CtiSettings.defaults(), journalView);
    }

    /** Starts the server with these store and journal-retention settings. */
    public static Server start(ServerConfig config, StoreSettings store, JournalRetention journalRetention,
            DetectSettings detect) throws IOException, InterruptedException {
        return new Server(config, store, journalRetention, detect, RetroHuntSettings.defaults(), CtiSettings.defaults(),
                UnaryOperator.identity());
    }

    /** Starts the server with these store, journal-retention, detection and retro-hunt settings. */
    public static Server start(ServerConfig config, StoreSettings store, JournalRetention journalRetention,
            DetectSettings detect, RetroHuntSettings retroHunt) throws IOException, InterruptedException {
        return new Server(config, store, journalRetention, detect, retroHunt, CtiSettings.defaults(), UnaryOperator.identity());
    }

    /** Starts the server with these store, journal-retention, detection, retro-hunt and threat-intelligence settings. */
    public static Server start(ServerConfig config, StoreSettings store, JournalRetention journalRetention,
            DetectSettings detect, RetroHuntSettings retroHunt, CtiSettings cti) throws IOException, InterruptedException {
        return new Server(config, store, journalRetention, detect, retroHunt, cti, UnaryOperator.identity());
    }

    /**
     * The rules detection runs. A rule that does not load is logged with its file, line and reason
     * and left out; the others run (one bad rule must not blind the server).
     */
    private static RuleSet loadRules(DetectSettings settings) throws IOException {
        List<RuleFile> files = new ArrayList<>();
        if (settings.builtin()) {
            files.addAll(BuiltinRules.files());
        }
        for (Path dir : settings.ruleDirs()) {
            files.addAll(RuleFile.read(dir));
        }
        RuleSet rules = RuleSet.load(files);
        for (LoadError e : rules.errors()) {
            LOG.warning("rule not loaded: " + e);
        }
        LOG.info("detection: " + rules.rules().size() + " rules, " + rules.correlations().size() + " correlations, "
                + rules.errors().size() + " errors");
        return rules;
    }

    /**
     * Drops expired store partitions, then journal segments past their size or age that the
     * store has already indexed durably. Failures are logged and retried at the next run.
     */
    private void applyRetention() {
        try {
            long now = System.currentTimeMillis();
            if (store != null) {
                for (var dropped : storeSettings.retention().apply(store, now)) {
                    LOG.info("retention: dropped store partition " + dropped);
                }
            }
            long keepFrom = store == null ? Long.MAX_VALUE : store.nextOffset();
            int segments = journal.retain(journalRetention.maxBytes(), journalRetention.maxAgeMillis(), now, keepFrom);
            if (segments > 0) {
                LOG.info("retention: deleted " + segments + " journal segments");
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning("retention failed, retried in a minute: " + e);
        }
    }

    /** Stops the maintenance, the feeder (after its batch, committing) and the store. */
    private void stopDownstream() throws IOException, InterruptedException {
        if (taxiiFeeds != null) {
            taxiiFeeds.close(); // first: no import may start while the rest stops
        }
        if (maintenance != null) {
            maintenance.shutdownNow();
            maintenance.awaitTermination(30, TimeUnit.SECONDS);
        }
        if (retroHunt != null) {
            retroHunt.close(); // before detection and the alert store it writes to
        }
        if (feeder != null) {
            feeder.close();
        }
        if (detection != null) {
            detection.close();
        }
        if (alertStore != null) {
            alertStore.close();
        }
        if (store != null) {
            store.close();
        }
    }

    /** The rules detection runs, or null when detection (or the store it runs before) is disabled. */
    public RuleSet rules() {
        return rules;
    }

    /** The alerts store, or null when detection is disabled. */
    public AlertStore alertStore() {
        return alertStore;
    }

    /** Detection, or null when it (or the store it runs before) is disabled. */
    public DetectionStage detection() {
        return detection;
    }

    /** The retro-hunt, or null when detection (or the store) is disabled. */
    public RetroHunt retroHunt() {
        return retroHunt;
    }

    /** The store, or null when it is disabled. */
    public LuceneEventStore store() {
        return store;
    }

    /** Where the first API token was written, when this start created it; else null. */
    public Path firstTokenFile() {
        return firstTokenFile;
    }

    public ApiTokens tokens() {
        return tokens;
    }

    /** The port each of {@link ServerConfig#listeners()} listens on (the free port picked for a 0), in order. */
    public List<Integer> boundPorts() {
        return List.copyOf(boundPorts);
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
            try {
                RunningServer.remove(config.dataDir());
            } catch (IOException e) {
                LOG.warning("cannot remove " + config.dataDir().resolve(RunningServer.FILE) + ": " + e);
            }
            http.close();
        }
        syslog.close();
        writer.close();
        stopDownstream();
        journal.close();
    }
}
