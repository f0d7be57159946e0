package io.gatewatch.alerts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Rows of the alert tables and the records they make: finding an alert by uuid or short id,
 * reading it with its events, history and comments, appending to a history. Callers hold the
 * transaction; nothing here commits.
 */
final class AlertTables {
    static final String COLUMNS = "seq, uuid, short_id, title, rule_id, rule_title, level, intake, urgency, techniques,"
            + " tactics, correlation_type, group_json, first_seen, last_seen, occurrences, status, assignee, created_at, updated_at";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertTables() {}

    /** Alerts matching {@code q}, newest first (by creation: a stable order for the cursor). */
    static AlertPage list(Connection db, AlertQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alerts WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (!q.statuses().isEmpty()) {
            sql.append(" AND status IN (");
            boolean first = true;
            for (AlertStatus s : AlertStatus.values()) {
                if (q.statuses().contains(s)) {
                    sql.append(first ? "?" : ", ?");
                    args.add(s.jsonName());
                    first = false;
                }
            }
            sql.append(')');
        }
        if (q.rule() != null) {
            sql.append(" AND rule_id = ?");
            args.add(q.rule());
        }
        if (q.minUrgency() > 0 || q.maxUrgency() < 100) {
            sql.append(" AND urgency BETWEEN ? AND ?");
            args.add(q.minUrgency());
            args.add(q.maxUrgency());
        }
        if (q.from() != Long.MIN_VALUE) {
            sql.append(" AND last_seen >= ?");
            args.add(q.from());
        }
        if (q.to() != Long.MAX_VALUE) {
            sql.append(" AND first_seen <= ?");
            args.add(q.to());
        }
        if (q.text() != null) {
            // instr, not LIKE: the analyst's % and _ are plain characters.
            sql.append(" AND (instr(lower(title), lower(?)) > 0 OR instr(lower(rule_id), lower(?)) > 0"
                    + " OR instr(lower(coalesce(rule_title, '')), lower(?)) > 0)");
            args.add(q.text());
            args.add(q.text());
            args.add(q.text());
        }
        if (q.cursor() != null) {
            sql.append(" AND seq < ?");
            args.add(Long.parseLong(q.cursor()));
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        args.add(q.limit() + 1);
        try (PreparedStatement p = db.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                p.setObject(i + 1, args.get(i));
            }
            List<StoredAlert> out = new ArrayList<>();
            long lastSeq = 0;
            boolean more = false;
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    if (out.size() == q.limit()) {
                        more = true;
                        break;
                    }
                    lastSeq = rs.getLong("seq");
                    out.add(row(rs));
                }
            }
            return new AlertPage(out, more ? Long.toString(lastSeq) : null);
        }
    }

    static int nextIndex(Connection db, String table, long seq) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT coalesce(max(n), -1) + 1 FROM " + table + " WHERE alert_seq = ?")) {
            p.setLong(1, seq);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static void history(Connection db, long seq, long at, String author, AlertStatus from, AlertStatus to, String comment) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO history(alert_seq, n, at, author, from_status, to_status,"
                + " comment) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, seq);
            p.setInt(2, nextIndex(db, "history", seq));
            p.setLong(3, at);
            p.setString(4, author);
            p.setString(5, from == null ? null : from.jsonName());
            p.setString(6, to.jsonName());
            p.setString(7, comment);
            p.executeUpdate();
        }
    }

    static Optional<AlertDetail> detail(Connection db, String id) throws SQLException {
        Optional<StoredAlert> found = find(db, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        long seq = seqOf(db, found.get().uuid());
        List<MatchedEvent> events = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT event_id, event_offset, raised_id, added_at, sample"
                + " FROM alert_events WHERE alert_seq = ? ORDER BY n")) {
            p.setLong(1, seq);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    events.add(new MatchedEvent(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
                }
            }
        }
        List<StatusChange> history = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT at, author, from_status, to_status, comment FROM history"
                + " WHERE alert_seq = ? ORDER BY n")) {
            p.setLong(1, seq);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String from = rs.getString(3);
                    history.add(new StatusChange(rs.getLong(1), rs.getString(2), from == null ? null : AlertStatus.parse(from),
                            AlertStatus.parse(rs.getString(4)), rs.getString(5)));
                }
            }
        }
        List<AlertComment> comments = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT id, at, author, text FROM comments WHERE alert_seq = ? ORDER BY id")) {
            p.setLong(1, seq);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    comments.add(new AlertComment(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return Optional.of(new AlertDetail(found.get(), events, history, comments));
    }

    static Optional<StoredAlert> find(Connection db, String id) throws SQLException {
        String column;
        String value = id == null ? "" : id.strip();
        if (isUuid(value)) {
            column = "uuid";
            value = value.toLowerCase(java.util.Locale.ROOT);
        } else if (ShortIds.looksLikeOne(value)) {
            column = "short_id";
            value = "AL" + value.substring(2).toLowerCase(java.util.Locale.ROOT);
        } else {
            return Optional.empty();
        }
        try (PreparedStatement p = db.prepareStatement("SELECT " + COLUMNS + " FROM alerts WHERE " + column + " = ?")) {
            p.setString(1, value);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    static long seqOf(Connection db, String uuid) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT seq FROM alerts WHERE uuid = ?")) {
            p.setString(1, uuid);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static StoredAlert row(ResultSet rs) throws SQLException {
        Map<String, String> group;
        try {
            group = JSON.readValue(rs.getString("group_json"), new TypeReference<Map<String, String>>() {});
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("alert " + rs.getString("uuid") + " has a damaged group: " + e.getOriginalMessage(), e);
        }
        group.values().removeIf(v -> v == null);
        long createdAt = rs.getLong("created_at");
        return new StoredAlert(rs.getString("uuid"), rs.getString("short_id"), rs.getString("title"), rs.getString("rule_id"),
                rs.getString("rule_title"), rs.getString("level"), rs.getString("intake"), rs.getInt("urgency"),
                new AttackMapping(split(rs.getString("techniques")), split(rs.getString("tactics"))),
                rs.getString("correlation_type"), group, rs.getLong("first_seen"), rs.getLong("last_seen"),
                rs.getLong("occurrences"), AlertStatus.parse(rs.getString("status")), rs.getString("assignee"), createdAt,
                rs.getLong("updated_at"));
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    private static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
