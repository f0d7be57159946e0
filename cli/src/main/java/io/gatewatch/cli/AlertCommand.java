package io.gatewatch.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewatch.alerts.AlertComment;
import io.gatewatch.alerts.AlertDetail;
import io.gatewatch.alerts.AlertJsonWriter;
import io.gatewatch.alerts.AlertStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatewatch alert ID}: one alert with its events, history and comments; or a change to it. */
@Command(
        name = "alert",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Shows one alert (by its short id, e.g. ALk3m9x2qd, or its uuid): its matched events, status history and comments.",
            "With --status or --assignee it changes the alert first (--comment says why); with only --comment it adds a comment.",
            "Without --server it works on the alerts database in the data directory; with --server it asks a running server,",
            "which records the token's name as the author.",
            "Exit codes: 0 done, 1 I/O or server error, 2 bad option, 3 no such alert, 4 a status change the lifecycle refuses."
        })
final class AlertCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    AlertsSource source;

    @Parameters(index = "0", paramLabel = "ID", description = "The alert's short id or uuid.")
    String id;

    @Option(names = "--status", paramLabel = "STATUS", description = "New status: acknowledged, ongoing, rejected, closed.")
    String status;

    @Option(names = "--assignee", paramLabel = "NAME", description = "Who works on it (an empty value clears it).")
    String assignee;

    @Option(names = "--comment", paramLabel = "TEXT", description = "Why (with --status), or a comment on its own.")
    String comment;

    @Option(names = "--author", paramLabel = "NAME",
            description = "Author of a change on the data directory (default: $USER). A server uses its token's name.")
    String author;

    @Option(names = "--json", description = "One compact JSON line instead of indented JSON.")
    boolean compact;

    @Override
    public Integer call() throws Exception {
        AlertStatus newStatus = null;
        if (status != null) {
            newStatus = AlertStatus.parse(status);
            if (newStatus == null) {
                System.err.println("gatewatch alert: unknown status '" + status + "' (pending, acknowledged, ongoing, rejected, closed)");
                return 2;
            }
        }
        String who = author != null ? author : System.getenv().getOrDefault("USER", "cli");
        String path = "/api/v1/alerts/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        AlertsSource.Answer answer;
        try {
            if (newStatus != null || assignee != null) {
                AlertStatus s = newStatus;
                ObjectNode body = JSON.createObjectNode();
                if (s != null) {
                    body.put("status", s.jsonName());
                }
                body.put("assignee", assignee).put("comment", comment);
                answer = source.call("PATCH", path, body.toString(),
                        (store, g) -> detail(store.update(id, s, assignee, who, comment), g));
            } else if (comment != null) {
                answer = source.call("POST", path + "/comments", JSON.createObjectNode().put("text", comment).toString(),
                        (store, g) -> comment(store.comment(id, who, comment), g));
            } else {
                answer = source.fetch(path, (store, g) -> detail(store.get(id), g));
            }
        } catch (IllegalArgumentException e) {
            System.err.println("gatewatch alert: " + e.getMessage());
            return 2;
        }
        if (answer.status() / 100 != 2) {
            System.err.println("gatewatch alert: " + answer.body().path("error").asText(String.valueOf(answer.status())));
            return switch (answer.status()) {
                case 400 -> 2;
                case 404 -> 3;
                case 409 -> 4;
                default -> 1;
            };
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        out.println(compact ? answer.body().toString() : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer.body()));
        out.flush();
        return 0;
    }

    private int detail(Optional<AlertDetail> d, JsonGenerator g) throws IOException {
        if (d.isEmpty()) {
            return notFound(g);
        }
        AlertJsonWriter.detail(g, d.get());
        return 200;
    }

    private int comment(Optional<AlertComment> c, JsonGenerator g) throws IOException {
        if (c.isEmpty()) {
            return notFound(g);
        }
        AlertJsonWriter.comment(g, c.get());
        return 201;
    }

    private int notFound(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("error", "no alert with id " + id);
        g.writeEndObject();
        return 404;
    }
}
