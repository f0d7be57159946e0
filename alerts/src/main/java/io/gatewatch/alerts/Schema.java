package io.gatewatch.alerts;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The alerts database's tables, and its identity: SQLite's {@code application_id} marks the file
 * as ours and {@code user_version} holds the format version, both checked on open, so that a
 * foreign file or one from a newer gatewatch is refused with a clear message instead of misread.
 */
final class Schema {
    static final int APPLICATION_ID = 0x47574131; // "GWA1"
    static final int VERSION = 1;

    private Schema() {}

    static void prepare(Connection c, String file) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            int app = intPragma(s, "application_id");
            int version = intPragma(s, "user_version");
            if (app == 0 && version == 0) {
                create(s);
                c.commit();
                return;
            }
            if (app != APPLICATION_ID) {
                throw new IOException(file + " is not a gatewatch alerts database (application id " + app + ")");
            }
            if (version > VERSION) {
                throw new IOException(file + " has alerts format " + version + "; this gatewatch reads up to " + VERSION
                        + ": run a newer gatewatch");
            }
            addRetroHunted(s);
            c.commit();
        }
    }

    private static void create(Statement s) throws SQLException {
        s.executeUpdate("""
                CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL)""");
        s.executeUpdate("""
                CREATE TABLE alerts(
                  seq INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, short_id TEXT NOT NULL UNIQUE,
                  similarity_key TEXT NOT NULL, title TEXT NOT NULL, rule_id TEXT NOT NULL, rule_title TEXT,
                  level TEXT, intake TEXT, urgency INTEGER NOT NULL, techniques TEXT NOT NULL, tactics TEXT NOT NULL,
                  correlation_type TEXT, group_json TEXT NOT NULL, first_seen INTEGER NOT NULL,
                  last_seen INTEGER NOT NULL, occurrences INTEGER NOT NULL, status TEXT NOT NULL, stage TEXT NOT NULL,
                  assignee TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)""");
        s.executeUpdate("CREATE INDEX alerts_similar ON alerts(similarity_key, stage)");
        s.executeUpdate("""
                CREATE TABLE alert_events(
                  alert_seq INTEGER NOT NULL, n INTEGER NOT NULL, event_id TEXT, event_offset INTEGER NOT NULL,
                  raised_id TEXT NOT NULL, added_at INTEGER NOT NULL, sample TEXT, PRIMARY KEY(alert_seq, n))""");
        s.executeUpdate("""
                CREATE TABLE history(
                  alert_seq INTEGER NOT NULL, n INTEGER NOT NULL, at INTEGER NOT NULL, author TEXT NOT NULL,
                  from_status TEXT, to_status TEXT NOT NULL, comment TEXT, PRIMARY KEY(alert_seq, n))""");
        s.executeUpdate("""
                CREATE TABLE comments(
                  id INTEGER PRIMARY KEY, alert_seq INTEGER NOT NULL, at INTEGER NOT NULL, author TEXT NOT NULL,
                  text TEXT NOT NULL)""");
        s.executeUpdate("CREATE INDEX comments_alert ON comments(alert_seq)");
        addRetroHunted(s);
        s.executeUpdate("INSERT INTO meta(key, value) VALUES ('applied_through', -1)");
        s.executeUpdate("PRAGMA application_id = " + APPLICATION_ID);
        s.executeUpdate("PRAGMA user_version = " + VERSION);
    }

    /**
     * The ids of retro-hunt matches already added. A table that older files lack and older
     * versions ignore, so it is created when missing rather than bumping the format version.
     */
    private static void addRetroHunted(Statement s) throws SQLException {
        s.executeUpdate("CREATE TABLE IF NOT EXISTS retro_hunted(raised_id TEXT PRIMARY KEY, at INTEGER NOT NULL)");
    }

    private static int intPragma(Statement s, String name) throws SQLException {
        try (ResultSet r = s.executeQuery("PRAGMA " + name)) {
            return r.next() ? r.getInt(1) : 0;
        }
    }
}
