package io.gatewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;

/** Alerts as a fixed-width table; titles and rule ids are escaped like event values ({@link EventTable#cell}). */
final class AlertTable {
    private static final String[] HEADERS = {"id", "status", "urgency", "count", "last seen", "intake", "title"};
    private static final int[] WIDTHS = {10, 12, 7, 7, 24, 12, 0};

    private AlertTable() {}

    static void print(JsonNode alerts, PrintStream out) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < HEADERS.length; c++) {
            EventTable.cell(line, HEADERS[c], WIDTHS[c]);
        }
        out.println(line.toString().stripTrailing());
        for (JsonNode a : alerts) {
            String[] values = {a.path("short_id").asText(), a.at("/status/name").asText(), a.at("/urgency/value").asText(),
                a.path("occurrences").asText(), a.path("last_seen_at").asText(), a.path("intake").asText(""),
                a.path("title").asText()};
            line.setLength(0);
            for (int c = 0; c < values.length; c++) {
                EventTable.cell(line, values[c], WIDTHS[c]);
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
