package io.gatewatch.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.journal.JournalRecord;
import io.gatewatch.detect.Alert;
import io.gatewatch.detect.event.EventFields;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Puts one match into its alert: the open or in-progress alert with the same similarity key,
 * or a new one; then its events, bounded. Runs inside the store's ingest transaction.
 */
final class Grouping {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection db;
    private final AlertSettings settings;
    private final Similarity similarity;

    Grouping(Connection db, AlertSettings settings) {
        this.db = db;
        this.settings = settings;
        this.similarity = new Similarity(settings);
    }

    /** Adds {@code r} to its alert; when that alert is new, its sequence number goes to {@code created}. */
    void add(RaisedAlert r, long now, List<Long> created) throws SQLException {
        Alert a = r.alert();
        String key = similarity.key(r);
        long seq = -1;
        try (PreparedStatement p = db.prepareStatement(
                "SELECT seq FROM alerts WHERE similarity_key = ? AND stage <> 'closed' ORDER BY seq DESC LIMIT 1")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    seq = rs.getLong(1);
                }
            }
        }
        if (seq < 0) {
            seq = create(r, key, now);
            created.add(seq);
        } else {
            try (PreparedStatement p = db.prepareStatement("UPDATE alerts SET occurrences = occurrences + 1,"
                    + " first_seen = min(first_seen, ?), last_seen = max(last_seen, ?), updated_at = ? WHERE seq = ?")) {
                p.setLong(1, a.timestampMillis());
                p.setLong(2, a.timestampMillis());
                p.setLong(3, now);
                p.setLong(4, seq);
                p.executeUpdate();
            }
        }
        int n = AlertTables.nextIndex(db, "alert_events", seq);
        for (int k = 0; k < a.events().size(); k++) {
            EcsEvent e = a.events().get(k);
            if (n >= settings.maxEventIds()) {
                break; // the occurrence count goes on; the list of ids stops
            }
            String sample = null;
            if (n < settings.maxSamples()) {
                String json = e.toJson();
                sample = json.length() <= AlertStore.MAX_SAMPLE_CHARS ? json : null;
            }
            try (PreparedStatement p = db.prepareStatement("INSERT INTO alert_events(alert_seq, n, event_id, event_offset,"
                    + " raised_id, added_at, sample) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                p.setLong(1, seq);
                p.setInt(2, n++);
                p.setString(3, eventId(e, k == a.events().size() - 1 ? r.eventOffset() : -1));
                p.setLong(4, r.eventOffset());
                p.setString(5, r.raisedId());
                p.setLong(6, now);
                p.setString(7, sample);
                p.executeUpdate();
            }
        }
    }

    /**
     * The event's id: its own {@code event.id}, else, for the event that raised the match, the id
     * the store gives the journal record at its offset (detection runs before the store sets it).
     * A correlation's earlier events may have neither: null.
     */
    private static String eventId(EcsEvent e, long offset) {
        String id = EventFields.first(e, "event.id");
        return id != null || offset < 0 ? id : JournalRecord.eventId(offset);
    }

    private long create(RaisedAlert r, String key, long now) throws SQLException {
        Alert a = r.alert();
        long seq;
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(seq), 0) + 1 FROM alerts")) {
            rs.next();
            seq = rs.getLong(1);
        }
        AttackMapping attack = AttackMapping.fromTags(a.tags());
        String title = a.ruleTitle() == null || a.ruleTitle().isBlank() ? a.ruleId() : a.ruleTitle();
        try (PreparedStatement p = db.prepareStatement("INSERT INTO alerts(" + AlertTables.COLUMNS + ", similarity_key, stage)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, NULL, ?, ?, ?, ?)")) {
            int i = 1;
            p.setLong(i++, seq);
            // Derived from the first match's id: the same alert gets the same uuid whichever run adds it.
            p.setString(i++, UUID.nameUUIDFromBytes(("alert\n" + r.raisedId()).getBytes(StandardCharsets.UTF_8)).toString());
            p.setString(i++, ShortIds.of(seq));
            p.setString(i++, title);
            p.setString(i++, a.ruleId());
            p.setString(i++, a.ruleTitle());
            p.setString(i++, a.level());
            p.setString(i++, r.intake());
            p.setInt(i++, Urgency.of(a.level(), settings.criticalityOf(r.intake())));
            p.setString(i++, String.join(",", attack.techniques()));
            p.setString(i++, String.join(",", attack.tactics()));
            p.setString(i++, a.correlationType());
            p.setString(i++, JSON.writeValueAsString(new TreeMap<>(a.group())));
            p.setLong(i++, a.timestampMillis());
            p.setLong(i++, a.timestampMillis());
            p.setString(i++, AlertStatus.PENDING.jsonName());
            p.setLong(i++, now);
            p.setLong(i++, now);
            p.setString(i++, key);
            p.setString(i++, Stage.OPEN.jsonName());
            p.executeUpdate();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always encodes", e);
        }
        AlertTables.history(db, seq, now, AlertStore.SYSTEM_AUTHOR, null, AlertStatus.PENDING, "raised by rule " + a.ruleId());
        return seq;
    }
}
