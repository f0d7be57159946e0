package io.gatewatch.alerts;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The alerts, in one SQLite file. SQLite because an alert's history must survive a crash: in WAL
 * mode with {@code synchronous=FULL} a commit returns only once it is fsynced, a crash loses at
 * most an uncommitted transaction, and the file needs no server, no native install beyond the
 * driver's bundled library, and opens from the CLI while {@code serve} writes it.
 *
 * <p>Exactly once: each ingested batch is one transaction that also records the highest journal
 * offset it applied; matches at or below it (a replay after a restart) are skipped.
 *
 * <p>One connection, used under this object's lock: writes are short, and SQLite allows one
 * writer at a time anyway.
 */
public final class AlertStore implements Closeable {
    public static final String FILE = "alerts/alerts.db";
    /** Beside the database: alerts a webhook or the CEF receiver never took, one JSON line each. */
    public static final String WEBHOOK_DEAD_LETTERS = "webhook-dead-letters.jsonl";
    public static final String CEF_DEAD_LETTERS = "cef-dead-letters.jsonl";
    public static final int MAX_COMMENT = 4096;
    public static final int MAX_NAME = 128;
    /** An event kept whole in an alert's sample at most this big; past it only its id is kept. */
    static final int MAX_SAMPLE_CHARS = 64 * 1024;
    static final String SYSTEM_AUTHOR = "gatewatch";
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(AlertStore.class.getName());

    private final Connection db;
    private final String file;
    private final AlertSettings settings;
    private final Grouping grouping;
    private final Clock clock;
    /** Webhooks and the CEF forward of new alerts; started at the first new alert, when configured. */
    private List<AlertNotifier> notifiers;

    private AlertStore(Connection db, String file, AlertSettings settings, Clock clock) {
        this.db = db;
        this.file = file;
        this.settings = settings;
        this.grouping = new Grouping(db, settings);
        this.clock = clock;
    }

    /** Opens (creating when absent) the database at {@code file}. */
    public static AlertStore open(Path file, AlertSettings settings, Clock clock) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=10000");
            }
            c.setAutoCommit(false);
            Schema.prepare(c, file.toString());
            return new AlertStore(c, file.toString(), settings, clock);
        } catch (SQLException | IOException | RuntimeException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e instanceof IOException io ? io : new IOException(file + ": cannot open the alerts database: " + e.getMessage(), e);
        }
    }

    /** Opens {@code DATA/alerts/alerts.db} with the settings of {@code DATA/alerts/settings.yml}. */
    public static AlertStore open(Path dataDir) throws IOException {
        return open(dataDir.resolve(FILE), AlertSettings.load(dataDir), Clock.systemUTC());
    }

    /**
     * Adds matches, in journal order, to their similar alert or to new ones. Matches of events at
     * or below {@link #appliedThrough()} were added before and are skipped. Returns how many were added.
     */
    public synchronized int ingest(List<RaisedAlert> batch) throws IOException {
        try {
            long through = appliedThrough();
            long newThrough = through;
            long now = clock.millis();
            int added = 0;
            List<Long> created = new ArrayList<>();
            for (RaisedAlert r : batch) {
                if (r.eventOffset() <= through) {
                    continue;
                }
                grouping.add(r, now, created);
                newThrough = Math.max(newThrough, r.eventOffset());
                added++;
            }
            if (newThrough != through) {
                try (PreparedStatement p = db.prepareStatement("UPDATE meta SET value = ? WHERE key = 'applied_through'")) {
                    p.setLong(1, newThrough);
                    p.executeUpdate();
                }
            }
            db.commit();
            notify(created);
            return added;
        } catch (SQLException | RuntimeException e) {
            throw rollback(e);
        }
    }

    /**
     * Adds matches of events stored long ago (a retro-hunt of a newly imported indicator). They
     * are below {@link #appliedThrough()}, so {@link #ingest} would skip them; instead each
     * {@link RaisedAlert#raisedId()} is recorded in the same transaction and a match whose id is
     * already there is skipped, so a hunt repeated after a crash adds nothing twice. The applied
     * offset is left alone: it belongs to the live feed. Returns the matches added, in order.
     */
    public synchronized List<RaisedAlert> ingestRetroHunt(List<RaisedAlert> batch) throws IOException {
        try {
            long now = clock.millis();
            List<RaisedAlert> added = new ArrayList<>();
            List<Long> created = new ArrayList<>();
            for (RaisedAlert r : batch) {
                try (PreparedStatement p = db.prepareStatement("INSERT OR IGNORE INTO retro_hunted(raised_id, at) VALUES (?, ?)")) {
                    p.setString(1, r.raisedId());
                    p.setLong(2, now);
                    if (p.executeUpdate() == 0) {
                        continue; // added by an earlier run of the same hunt
                    }
                }
                grouping.add(r, now, created);
                added.add(r);
            }
            db.commit();
            notify(created);
            return added;
        } catch (SQLException | RuntimeException e) {
            throw rollback(e);
        }
    }

    /**
     * Hands alerts created by a committed batch to the webhooks: only once they are durable. A
     * failure here is logged, not thrown: the batch is committed and must not be retried.
     */
    private void notify(List<Long> created) {
        if (created.isEmpty() || (settings.webhooks().byLevel().isEmpty() && settings.cef() == null)) {
            return;
        }
        try {
            queueNotifications(created);
        } catch (SQLException e) {
            rollbackQuietly();
            LOG.warning("new alerts not sent to webhooks: " + e.getMessage());
        }
    }

    private void queueNotifications(List<Long> created) throws SQLException {
        if (notifiers == null) {
            Path dir = Path.of(file).toAbsolutePath().getParent();
            AlertSettings.Webhooks w = settings.webhooks();
            notifiers = new ArrayList<>();
            if (!w.byLevel().isEmpty()) {
                notifiers.add(new AlertNotifier("webhooks", new WebhookDelivery(w.byLevel()), w.attempts(), w.backoffMillis(),
                        dir.resolve(WEBHOOK_DEAD_LETTERS)));
            }
            if (settings.cef() != null) {
                notifiers.add(new AlertNotifier("cef", new CefDelivery(settings.cef()), w.attempts(), w.backoffMillis(),
                        dir.resolve(CEF_DEAD_LETTERS)));
            }
        }
        for (long seq : created) {
            try (PreparedStatement p = db.prepareStatement("SELECT " + AlertTables.COLUMNS + " FROM alerts WHERE seq = ?")) {
                p.setLong(1, seq);
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        StoredAlert a = AlertTables.row(rs);
                        for (AlertNotifier n : notifiers) {
                            n.created(a);
                        }
                    }
                }
            }
        }
        db.commit();
    }

    /** The highest journal offset whose matches are in the store; -1 for none. */
    public synchronized long appliedThrough() throws IOException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'applied_through'")) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            throw rollback(e);
        }
    }

    /** Alerts matching {@code q}, newest first. */
    public synchronized AlertPage list(AlertQuery q) throws IOException {
        try {
            AlertPage page = AlertTables.list(db, q);
            db.commit();
            return page;
        } catch (SQLException e) {
            throw rollback(e);
        }
    }

    /** The alert whose uuid or short id is {@code id}, with its events, history and comments. */
    public synchronized Optional<AlertDetail> get(String id) throws IOException {
        try {
            Optional<AlertDetail> out = AlertTables.detail(db, id);
            db.commit();
            return out;
        } catch (SQLException e) {
            throw rollback(e);
        }
    }

    /**
     * Changes an alert's status (when {@code status} is not null) and assignee (when {@code assignee}
     * is not null; empty clears it), recording who and why. Empty when there is no such alert.
     *
     * @throws IllegalTransitionException when the lifecycle does not allow the change
     */
    public synchronized Optional<AlertDetail> update(String id, AlertStatus status, String assignee, String author,
            String comment) throws IOException, IllegalTransitionException {
        author = bounded(author, MAX_NAME, "author", false);
        comment = bounded(comment, MAX_COMMENT, "comment", true);
        assignee = assignee == null ? null : bounded(assignee, MAX_NAME, "assignee", true);
        try {
            Optional<StoredAlert> found = AlertTables.find(db, id);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            StoredAlert a = found.get();
            long seq = AlertTables.seqOf(db, a.uuid());
            long now = clock.millis();
            if (status != null) {
                if (!a.status().next().contains(status)) {
                    throw new IllegalTransitionException(a.shortId(), a.status(), status);
                }
                try (PreparedStatement p = db.prepareStatement("UPDATE alerts SET status = ?, stage = ?, updated_at = ? WHERE seq = ?")) {
                    p.setString(1, status.jsonName());
                    p.setString(2, status.stage().jsonName());
                    p.setLong(3, now);
                    p.setLong(4, seq);
                    p.executeUpdate();
                }
                AlertTables.history(db, seq, now, author, a.status(), status, comment);
            }
            if (assignee != null) {
                try (PreparedStatement p = db.prepareStatement("UPDATE alerts SET assignee = ?, updated_at = ? WHERE seq = ?")) {
                    p.setString(1, assignee.isEmpty() ? null : assignee);
                    p.setLong(2, now);
                    p.setLong(3, seq);
                    p.executeUpdate();
                }
            }
            Optional<AlertDetail> out = AlertTables.detail(db, a.uuid());
            db.commit();
            return out;
        } catch (SQLException | RuntimeException e) {
            throw rollback(e);
        } catch (IllegalTransitionException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /** Adds a comment; empty when there is no such alert. */
    public synchronized Optional<AlertComment> comment(String id, String author, String text) throws IOException {
        author = bounded(author, MAX_NAME, "author", false);
        text = bounded(text, MAX_COMMENT, "comment", false);
        try {
            Optional<StoredAlert> found = AlertTables.find(db, id);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            long seq = AlertTables.seqOf(db, found.get().uuid());
            long now = clock.millis();
            long commentId;
            try (PreparedStatement p = db.prepareStatement("INSERT INTO comments(alert_seq, at, author, text) VALUES (?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                p.setLong(1, seq);
                p.setLong(2, now);
                p.setString(3, author);
                p.setString(4, text);
                p.executeUpdate();
                try (ResultSet keys = p.getGeneratedKeys()) {
                    keys.next();
                    commentId = keys.getLong(1);
                }
            }
            try (PreparedStatement p = db.prepareStatement("UPDATE alerts SET updated_at = ? WHERE seq = ?")) {
                p.setLong(1, now);
                p.setLong(2, seq);
                p.executeUpdate();
            }
            db.commit();
            return Optional.of(new AlertComment(commentId, now, author, text));
        } catch (SQLException | RuntimeException e) {
            throw rollback(e);
        }
    }

    private static String bounded(String value, int max, String name, boolean mayBeEmpty) {
        if (value == null) {
            if (mayBeEmpty) {
                return null;
            }
            throw new IllegalArgumentException(name + " is required");
        }
        String v = value.strip();
        if (v.isEmpty() && !mayBeEmpty) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        if (v.length() > max) {
            throw new IllegalArgumentException(name + " is at most " + max + " characters, not " + v.length());
        }
        return v;
    }

    private IOException rollback(Exception e) {
        rollbackQuietly();
        if (e instanceof IllegalArgumentException iae) {
            throw iae;
        }
        return new IOException(file + ": " + e.getMessage(), e);
    }

    private void rollbackQuietly() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // the connection is broken: the next call reports it
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (notifiers != null) {
            notifiers.forEach(AlertNotifier::close);
        }
        try {
            db.close();
        } catch (SQLException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
