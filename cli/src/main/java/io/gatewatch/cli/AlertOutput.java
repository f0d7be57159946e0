package io.gatewatch.cli;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.JsonOutput;
import io.gatewatch.core.ecs.Rfc3339;
import io.gatewatch.detect.Alert;
import io.gatewatch.detect.AlertJson;
import io.gatewatch.detect.event.EventFields;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes alerts: one JSON object per line for programs, or table rows for people (values come
 * from attackers' log lines, so the table escapes control characters).
 */
final class AlertOutput {
    private static final String[] HEADERS = {"time", "level", "rule", "source", "user", "detail"};
    private static final int[] WIDTHS = {24, 13, 48, 39, 20, 0};

    private final OutputStream out;
    private final boolean table;
    private final JsonOutput json = new JsonOutput(4096);
    private boolean headerDone;

    AlertOutput(OutputStream out, boolean table) {
        this.out = out;
        this.table = table;
    }

    void write(Alert a) throws IOException {
        if (table) {
            row(a);
        } else {
            json(a);
        }
    }

    /** One JSON object per line, as {@link AlertJson} writes alerts. */
    private void json(Alert a) throws IOException {
        json.reset();
        AlertJson.write(a, null, json);
        json.raw((byte) '\n');
        json.writeTo(out);
    }

    private void row(Alert a) throws IOException {
        StringBuilder line = new StringBuilder(256);
        if (!headerDone) {
            headerDone = true;
            for (int c = 0; c < HEADERS.length; c++) {
                EventTable.cell(line, HEADERS[c], WIDTHS[c]);
            }
            out.write((line.toString().stripTrailing() + "\n").getBytes(StandardCharsets.UTF_8));
            line.setLength(0);
        }
        EcsEvent last = a.events().isEmpty() ? new EcsEvent() : a.events().getLast();
        String[] cells = {Rfc3339.formatUtc(a.timestampMillis()), String.valueOf(a.level()), a.ruleTitle(),
            orEmpty(EventFields.first(last, "source.ip")), orEmpty(EventFields.first(last, "user.name")), detail(a, last)};
        for (int c = 0; c < cells.length; c++) {
            EventTable.cell(line, cells[c], WIDTHS[c]);
        }
        out.write((line.toString().stripTrailing() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** For a correlation, its type and group; for a single event, its code and message. */
    private static String detail(Alert a, EcsEvent last) {
        if (a.correlationType() != null) {
            StringBuilder sb = new StringBuilder(a.correlationType());
            a.group().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            return sb.toString();
        }
        String code = orEmpty(EventFields.first(last, "event.code"));
        String message = orEmpty(EventFields.first(last, "message"));
        return code.isEmpty() ? message : code + " " + message;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
