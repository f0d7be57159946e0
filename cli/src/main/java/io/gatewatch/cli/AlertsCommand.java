package io.gatewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewatch.alerts.AlertJsonWriter;
import io.gatewatch.alerts.AlertPage;
import io.gatewatch.alerts.AlertQuery;
import io.gatewatch.alerts.StoredAlert;
import io.gatewatch.store.query.DateMath;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gatewatch alerts}: the alerts detection raised, newest first. */
@Command(
        name = "alerts",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Lists alerts, newest first: rule matches grouped by similarity, with their status and urgency.",
            "Without --server it reads the alerts database in the data directory; with --server it asks a running server.",
            "Prints one JSON line per alert (the default) or a table (--table).",
            "Exit codes: 0 found or not, 1 I/O or server error, 2 bad option."
        })
final class AlertsCommand implements Callable<Integer> {
    @Mixin
    AlertsSource source;

    @Option(names = "--status", paramLabel = "STATUS[,STATUS]",
            description = "pending, acknowledged, ongoing, rejected, closed, or the stages open and in_progress.")
    String status;

    @Option(names = "--rule", paramLabel = "ID", description = "Only this rule's alerts.")
    String rule;

    @Option(names = {"--query", "-q"}, paramLabel = "TEXT", description = "Words in the title or the rule.")
    String text;

    @Option(names = "--urgency-min", paramLabel = "N", defaultValue = "0", description = "Lowest urgency, 0-100.")
    int urgencyMin;

    @Option(names = "--from", paramLabel = "TIME", description = "Seen at or after: -24h, now-7d/d, 2026-11-23, RFC 3339.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "First seen at or before, same forms.")
    String to;

    @Option(names = {"--limit", "-n"}, paramLabel = "N", defaultValue = "50", description = "At most N alerts (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--table", description = "A table for people instead of JSON lines.")
    boolean table;

    @Override
    public Integer call() throws Exception {
        AlertsSource.Answer answer;
        try {
            answer = source.fetch(path(), (store, g) -> {
                Instant now = Instant.now();
                AlertQuery q = new AlertQuery(AlertQuery.parseStatuses(status), rule, urgencyMin, 100,
                        from == null ? Long.MIN_VALUE : DateMath.parseWindowBound(from, now, false),
                        to == null ? Long.MAX_VALUE : DateMath.parseWindowBound(to, now, true), text, limit, null);
                AlertPage page = store.list(q);
                g.writeStartObject();
                g.writeArrayFieldStart("alerts");
                for (StoredAlert a : page.alerts()) {
                    AlertJsonWriter.summary(g, a);
                }
                g.writeEndArray();
                g.writeStringField("next_cursor", page.nextCursor());
                g.writeEndObject();
                return 200;
            });
        } catch (IllegalArgumentException e) {
            System.err.println("gatewatch alerts: " + e.getMessage());
            return 2;
        }
        if (answer.status() != 200) {
            System.err.println("gatewatch alerts: " + answer.status() + " " + answer.body().path("error").asText());
            return answer.status() == 400 ? 2 : 1;
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        if (table) {
            AlertTable.print(answer.body().path("alerts"), out);
        } else {
            for (JsonNode a : answer.body().path("alerts")) {
                out.println(a.toString());
            }
        }
        out.flush();
        return 0;
    }

    private String path() {
        StringBuilder q = new StringBuilder("/api/v1/alerts?limit=").append(limit).append("&urgency_min=").append(urgencyMin);
        append(q, "status", status);
        append(q, "rule", rule);
        append(q, "q", text);
        append(q, "from", from);
        append(q, "to", to);
        return q.toString();
    }

    private static void append(StringBuilder q, String name, String value) {
        if (value != null && !value.isEmpty()) {
            q.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
