package io.gatewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Events as a fixed-width table for a terminal. Values come from log lines, so control characters
 * are shown escaped: a crafted line cannot move the cursor or rewrite what the analyst sees.
 */
final class EventTable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] COLUMNS = {"@timestamp", "event.code", "event.outcome", "user.name", "source.ip", "message"};
    private static final String[] HEADERS = {"time", "code", "outcome", "user", "source", "message"};
    private static final int[] WIDTHS = {24, 9, 8, 20, 39, 0};

    private EventTable() {}

    static void print(List<String> events, PrintStream out) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < COLUMNS.length; c++) {
            cell(line, HEADERS[c], WIDTHS[c]);
        }
        out.println(line.toString().stripTrailing());
        for (String e : events) {
            JsonNode node;
            try {
                node = JSON.readTree(e);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            line.setLength(0);
            for (int c = 0; c < COLUMNS.length; c++) {
                cell(line, value(node, COLUMNS[c]), WIDTHS[c]);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String value(JsonNode event, String path) {
        JsonNode n = event.get(path); // "@timestamp" is a top-level name with no dots
        if (n == null) {
            n = event;
            for (String part : path.split("\\.")) {
                n = n.path(part);
            }
        }
        if (n.isMissingNode() || n.isNull()) {
            return "";
        }
        return n.isValueNode() ? n.asText() : n.toString();
    }

    /** A cell of {@code width} characters (0: the rest of the line, up to 160), control characters escaped. */
    static void cell(StringBuilder line, String value, int width) {
        int max = width == 0 ? 160 : width;
        StringBuilder v = new StringBuilder(Math.min(value.length(), max + 8));
        for (int i = 0; i < value.length() && v.length() <= max; i++) {
            char ch = value.charAt(i);
            // C0/C1 controls and the bidirectional overrides that can reorder what a terminal shows.
            if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0) || (ch >= 0x202a && ch <= 0x202e)
                    || (ch >= 0x2066 && ch <= 0x2069)) {
                v.append(ch < 0x100 ? String.format("\\x%02x", (int) ch) : String.format("\\u%04x", (int) ch));
            } else {
                v.append(ch);
            }
        }
        if (v.length() > max) {
            v.setLength(max - 1);
            v.append('…');
        }
        line.append(v);
        if (width > 0) {
            line.append(" ".repeat(Math.max(1, width + 1 - v.length())));
        }
    }
}
