package io.gatewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.server.RunningServer;
import io.gatewatch.server.auth.ApiTokens;
import io.gatewatch.store.index.LuceneEventStore;
import io.gatewatch.store.query.DateMath;
import io.gatewatch.store.query.QuerySyntaxException;
import io.gatewatch.store.search.SearchRequest;
import io.gatewatch.store.search.SearchResult;
import io.gatewatch.store.search.SortSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            "With --server it asks that server's API. Without, it asks the server running on the data directory if"
                + " there is one (it has every event refreshed, within a second of arrival), else reads the store in"
                + " the data directory (what was committed).",
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

    /** What a search gave: the events' JSON and the summary line, or the exit code of a failure. */
    private record Answer(List<String> events, String summary, int failure) {
        static Answer failed(int exit) {
            return new Answer(List.of(), null, exit);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (limit < 1 || limit > SearchRequest.MAX_SIZE) {
            System.err.println("gatewatch search: --limit must be between 1 and " + SearchRequest.MAX_SIZE);
            return 2;
        }
        Answer answer;
        try {
            if (server != null) {
                String bearer = bearer();
                if (bearer == null) {
                    throw new IllegalArgumentException("searching " + server + " needs a token: --token,"
                            + " $GATEWATCH_TOKEN or " + data.dir.resolve(ApiTokens.FIRST_TOKEN_FILE));
                }
                answer = remote(server, bearer);
            } else {
                answer = runningServerOrStore();
            }
        } catch (QuerySyntaxException e) {
            System.err.println("gatewatch search: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("gatewatch search: " + e.getMessage());
            return 2;
        }
        if (answer.summary() == null) {
            return answer.failure();
        }
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        if (table) {
            EventTable.print(answer.events(), out);
        } else {
            for (String e : answer.events()) {
                out.println(e);
            }
        }
        out.flush();
        System.err.println(answer.summary());
        return 0;
    }

    /**
     * The answer of the server running on the data directory, which has refreshed what it has not
     * committed yet; else (no server, none answering, no token to ask it) the committed store's.
     */
    private Answer runningServerOrStore() throws Exception {
        Optional<RunningServer> running = RunningServer.find(data.dir);
        String bearer = running.isPresent() ? bearer() : null;
        if (bearer != null) {
            try {
                return remote(running.get().http(), bearer);
            } catch (ConnectException e) {
                // Stopping, or a stale file: the committed store is the answer.
            }
        }
        return local();
    }

    private Answer remote(URI target, String bearer) throws Exception {
        HttpResponse<String> response = send(target, bearer);
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            System.err.println("gatewatch search: " + response.statusCode() + " " + body.path("error").asText(response.body()));
            return Answer.failed(response.statusCode() == 400 ? 2 : 1);
        }
        List<String> events = new ArrayList<>();
        for (JsonNode e : body.path("events")) {
            events.add(e.toString());
        }
        return new Answer(events, summary(body.path("total").asLong(), body.path("total_relation").asText(),
                body.path("took_ms").asLong(), target.toString()), 0);
    }

    private Answer local() throws IOException {
        Path storeDir = data.dir.resolve("store");
        if (!Files.isDirectory(storeDir)) {
            System.err.println("gatewatch search: no store in " + data.dir + " (has 'gatewatch serve' run with --data " + data.dir + "?)");
            return Answer.failed(1);
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
        return new Answer(result.events().stream().map(e -> e.sourceJson()).toList(),
                summary(result.total(), result.totalExact() ? "eq" : "gte", result.tookMillis(),
                        storeDir.toAbsolutePath().normalize().toString()), 0);
    }

    /** The summary line on stderr; {@code searched} is the server's address or the store's directory. */
    private static String summary(long total, String relation, long tookMillis, String searched) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("total", total);
        fields.put("total_relation", relation);
        fields.put("took_ms", tookMillis);
        fields.put("searched", searched);
        return JSON.writeValueAsString(fields);
    }

    /** The API token: --token, else $GATEWATCH_TOKEN, else the data directory's first token; null if none. */
    private String bearer() throws IOException {
        if (token != null) {
            return token;
        }
        if (System.getenv("GATEWATCH_TOKEN") != null) {
            return System.getenv("GATEWATCH_TOKEN");
        }
        Path tokenFile = data.dir.resolve(ApiTokens.FIRST_TOKEN_FILE);
        return Files.isReadable(tokenFile) ? Files.readString(tokenFile).strip() : null;
    }

    private HttpResponse<String> send(URI target, String bearer) throws Exception {
        StringBuilder q = new StringBuilder("/api/v1/events/search?size=").append(limit);
        append(q, "q", query);
        append(q, "from", from);
        append(q, "to", to);
        append(q, "sort", sort);
        append(q, "intake", intake);
        HttpRequest request = HttpRequest.newBuilder(target.resolve(q.toString()))
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
