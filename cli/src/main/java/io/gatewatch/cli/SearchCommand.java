package io.gatewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.server.auth.ApiTokens;
import io.gatewatch.store.index.LuceneEventStore;
import io.gatewatch.store.query.DateMath;
import io.gatewatch.store.query.QuerySyntaxException;
import io.gatewatch.store.search.SearchRequest;
import io.gatewatch.store.search.SearchResult;
import io.gatewatch.store.search.SortSpec;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatewatch search QUERY}: the events search, on a data directory or a running server. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Searches events with the events query language (field:value, \"phrases\", AND/OR/NOT, wildcards,"
                + " /regex/, ranges, CIDR, _exists_:field), newest first.",
            "Without --server it reads the store in the data directory directly (what the server has committed,"
                + " at most a few seconds behind); with --server it asks a running server's API.",
            "Prints one JSON line per event (--json, the default) or a table (--table); a summary goes to stderr.",
            "Exit codes: 0 found or not, 1 I/O or server error, 2 bad query or option."
        })
final class SearchCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @Parameters(index = "0", arity = "0..1", paramLabel = "QUERY", defaultValue = "",
            description = "The query; empty matches every event.")
    String query;

    @Option(names = "--from", paramLabel = "TIME", description = "Window start: -24h, now-7d/d, 2026-11-23, RFC 3339 (default: no limit).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Window end, same forms (default: no limit).")
    String to;

    @Option(names = {"--limit", "-n"}, paramLabel = "N", defaultValue = "100", description = "At most N events (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--sort", paramLabel = "FIELD[:asc|desc]", description = "Order (default: @timestamp:desc).")
    String sort;

    @Option(names = "--intake", paramLabel = "NAME", description = "Only this intake's events.")
    String intake;

    @Option(names = "--table", description = "A table for people instead of JSON lines.")
    boolean table;

    @Option(names = "--json", description = "JSON lines (the default).")
    boolean json;

    @Option(names = "--server", paramLabel = "URL", description = "A running server's HTTP address, e.g. http://127.0.0.1:8080.")
    URI server;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "API token for --server (default: $GATEWATCH_TOKEN, else DIR/" + ApiTokens.FIRST_TOKEN_FILE + ").")
    String token;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        if (limit < 1 || limit > SearchRequest.MAX_SIZE) {
            System.err.println("gatewatch search: --limit must be between 1 and " + SearchRequest.MAX_SIZE);
            return 2;
        }
        List<String> events;
        String summary;
        try {
            if (server != null) {
                HttpResponse<String> response = remote();
                JsonNode body = JSON.readTree(response.body());
                if (response.statusCode() != 200) {
                    System.err.println("gatewatch search: " + response.statusCode() + " " + body.path("error").asText(response.body()));
                    return response.statusCode() == 400 ? 2 : 1;
                }
                events = new ArrayList<>();
                for (JsonNode e : body.path("events")) {
                    events.add(e.toString());
                }
                summary = "{\"total\":" + body.path("total").asLong() + ",\"total_relation\":\"" + body.path("total_relation").asText()
                        + "\",\"took_ms\":" + body.path("took_ms").asLong() + "}";
            } else {
                Path storeDir = data.dir.resolve("store");
                if (!Files.isDirectory(storeDir)) {
                    System.err.println("gatewatch search: no store in " + data.dir + " (has 'gatewatch serve' run with --data " + data.dir + "?)");
                    return 1;
                }
                Instant now = Instant.now();
                SearchRequest request = new SearchRequest(query,
                        from == null ? Long.MIN_VALUE : DateMath.parseWindowBound(from, now, false),
                        to == null ? Long.MAX_VALUE : DateMath.parseWindowBound(to, now, true),
                        limit, SortSpec.parse(sort), intake, null);
                SearchResult result;
                try (LuceneEventStore store = LuceneEventStore.open(storeDir)) {
                    result = store.search(request);
                }
                events = result.events().stream().map(e -> e.sourceJson()).toList();
                summary = "{\"total\":" + result.total() + ",\"total_relation\":\"" + (result.totalExact() ? "eq" : "gte")
                        + "\",\"took_ms\":" + result.tookMillis() + "}";
            }
        } catch (QuerySyntaxException e) {
            System.err.println("gatewatch search: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("gatewatch search: " + e.getMessage());
            return 2;
        }
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        if (table) {
            EventTable.print(events, out);
        } else {
            for (String e : events) {
                out.println(e);
            }
        }
        out.flush();
        System.err.println(summary);
        return 0;
    }

    private HttpResponse<String> remote() throws Exception {
        String bearer = token;
        if (bearer == null) {
            bearer = System.getenv("GATEWATCH_TOKEN");
        }
        Path tokenFile = data.dir.resolve(ApiTokens.FIRST_TOKEN_FILE);
        if (bearer == null && Files.isReadable(tokenFile)) {
            bearer = Files.readString(tokenFile).strip();
        }
        if (bearer == null) {
            throw new IllegalArgumentException("--server needs a token: --token, $GATEWATCH_TOKEN or " + tokenFile);
        }
        StringBuilder q = new StringBuilder("/api/v1/events/search?size=").append(limit);
        append(q, "q", query);
        append(q, "from", from);
        append(q, "to", to);
        append(q, "sort", sort);
        append(q, "intake", intake);
        HttpRequest request = HttpRequest.newBuilder(server.resolve(q.toString()))
                .header("Authorization", "Bearer " + bearer)
                .timeout(Duration.ofSeconds(60))
                .GET().build();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }

    private static void append(StringBuilder q, String name, String value) {
        if (value != null && !value.isEmpty()) {
            q.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
