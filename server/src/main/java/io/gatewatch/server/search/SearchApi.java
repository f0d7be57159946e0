package io.gatewatch.server.search;

import static io.gatewatch.server.http.ApiRequests.blankToNull;
import static io.gatewatch.server.http.ApiRequests.intParam;
import static io.gatewatch.server.http.ApiRequests.timeBound;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.core.journal.Journal;
import io.gatewatch.core.journal.JournalRecord;
import io.gatewatch.server.auth.ApiTokens;
import io.gatewatch.server.http.ApiError;
import io.gatewatch.server.http.ApiRequests;
import io.gatewatch.store.EventStore;
import io.gatewatch.store.agg.AggSpec;
import io.gatewatch.store.agg.AggregationRequest;
import io.gatewatch.store.agg.AggregationResult;
import io.gatewatch.store.query.QuerySyntaxException;
import io.gatewatch.store.search.FoundEvent;
import io.gatewatch.store.search.SearchRequest;
import io.gatewatch.store.search.SearchResult;
import io.gatewatch.store.search.SortSpec;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The events API: search, aggregate, fetch one event. Every route needs a bearer token
 * ({@link ApiTokens}); errors are {@code {"error": reason}} with 400 (and the position, for a
 * query that does not parse), 401 or 404.
 *
 * <p>Event sources are stored as JSON and copied into answers as they are, not re-encoded.
 */
public final class SearchApi {
    static final int MAX_AGG_BODY_BYTES = 64 * 1024;
    private static final int MAX_AGGS = 32;

    private final EventStore store;
    private final Journal journal;
    private final ApiTokens tokens;
    private final ObjectMapper json = new ObjectMapper();

    public SearchApi(EventStore store, Journal journal, ApiTokens tokens) {
        this.store = store;
        this.journal = journal;
        this.tokens = tokens;
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
    }

    /** Adds the routes to an HTTP server's configuration. */
    public void register(JavalinConfig cfg) {
        cfg.routes.get("/api/v1/events/search", ctx -> guarded(ctx, this::search));
        cfg.routes.post("/api/v1/events/aggregate", ctx -> guarded(ctx, this::aggregate));
        cfg.routes.get("/api/v1/events/{id}", ctx -> guarded(ctx, this::event));
    }

    @FunctionalInterface
    private interface Route {
        void handle(Context ctx) throws IOException, ApiError;
    }

    private void guarded(Context ctx, Route route) {
        try {
            ApiRequests.authenticate(ctx, tokens);
            route.handle(ctx);
        } catch (ApiError e) {
            ApiRequests.jsonError(ctx, e);
        } catch (QuerySyntaxException e) {
            ApiRequests.jsonError(ctx, 400, e.getMessage(), e.position());
        } catch (IllegalArgumentException e) {
            ApiRequests.jsonError(ctx, 400, e.getMessage(), null);
        } catch (IOException e) {
            ApiRequests.jsonError(ctx, 500, "the store failed: " + e.getMessage(), null);
        }
    }

    private void search(Context ctx) throws IOException, ApiError {
        Instant now = Instant.now();
        int size = intParam(ctx, "size", SearchRequest.DEFAULT_SIZE);
        SearchRequest request = new SearchRequest(ctx.queryParam("q"), timeBound(ctx.queryParam("from"), now, false, Long.MIN_VALUE),
                timeBound(ctx.queryParam("to"), now, true, Long.MAX_VALUE), size, SortSpec.parse(ctx.queryParam("sort")),
                blankToNull(ctx.queryParam("intake")), blankToNull(ctx.queryParam("cursor")));
        SearchResult result = store.search(request);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + result.events().size() * 1024);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("total", result.total());
            g.writeStringField("total_relation", result.totalExact() ? "eq" : "gte");
            g.writeNumberField("took_ms", result.tookMillis());
            g.writeArrayFieldStart("events");
            for (FoundEvent e : result.events()) {
                g.writeRawValue(e.sourceJson());
            }
            g.writeEndArray();
            g.writeStringField("next_cursor", result.nextCursor());
            g.writeEndObject();
        }
        ctx.contentType("application/json").result(out.toByteArray());
    }

    private void event(Context ctx) throws IOException, ApiError {
        String id = ctx.pathParam("id");
        Optional<FoundEvent> found = isUuid(id) ? store.get(id) : Optional.empty();
        if (found.isEmpty()) {
            throw new ApiError(404, "no event with id " + (isUuid(id) ? id : "of that form"), null);
        }
        FoundEvent e = found.get();
        String raw = null;
        if (e.offset() >= journal.startOffset() && e.offset() < journal.durableOffset()) {
            List<JournalRecord> records = journal.read(e.offset(), 1);
            if (!records.isEmpty() && records.getFirst().offset() == e.offset()) {
                raw = new String(records.getFirst().payload(), StandardCharsets.UTF_8);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("event");
            g.writeRawValue(e.sourceJson());
            // The line as received, from the journal; once the journal has dropped it, the
            // event's own event.original (or message) still holds it.
            g.writeStringField("raw", raw);
            g.writeEndObject();
        }
        ctx.contentType("application/json").result(out.toByteArray());
    }

    private void aggregate(Context ctx) throws IOException, ApiError {
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_AGG_BODY_BYTES) {
            throw new ApiError(413, "an aggregation request is at most " + MAX_AGG_BODY_BYTES + " bytes", null);
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiError(400, "the body is not valid JSON: " + e.getOriginalMessage(), null);
        }
        if (root == null || !root.isObject()) {
            throw new ApiError(400, "the body must be a JSON object with \"aggs\"", null);
        }
        Instant now = Instant.now();
        String query = text(root, "query", text(root, "q", ""));
        List<AggSpec> aggs = aggs(root.get("aggs"), 0);
        AggregationRequest request = new AggregationRequest(query,
                timeBound(text(root, "from", null), now, false, Long.MIN_VALUE), timeBound(text(root, "to", null), now, true, Long.MAX_VALUE),
                blankToNull(text(root, "intake", null)), aggs);
        AggregationResult result = store.aggregate(request);
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("matched", result.matched());
            g.writeNumberField("took_ms", result.tookMillis());
            g.writeFieldName("aggregations");
            writeValues(g, result.values());
            g.writeEndObject();
        }
        ctx.contentType("application/json").result(out.toByteArray());
    }

    /**
     * Elasticsearch's request shape, which analysts know: {@code {"name": {"terms": {"field": f,
     * "size": n}, "aggs": {…}}}}, with {@code date_histogram} ({@code interval}), {@code cardinality},
     * {@code min}, {@code max}, {@code sum} and {@code avg}.
     */
    private List<AggSpec> aggs(JsonNode node, int depth) throws ApiError {
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw new ApiError(400, "\"aggs\" must be a non-empty object of named aggregations", null);
        }
        if (node.size() > MAX_AGGS) {
            throw new ApiError(400, "at most " + MAX_AGGS + " aggregations per level", null);
        }
        List<AggSpec> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode def = e.getValue();
            List<AggSpec> subs = List.of();
            if (def.has("aggs")) {
                if (depth > 0) {
                    throw new ApiError(400, "aggregation '" + name + "': aggregations nest one level deep", null);
                }
                subs = aggs(def.get("aggs"), depth + 1);
            }
            String type = null;
            for (Iterator<String> names = def.fieldNames(); names.hasNext(); ) {
                String n = names.next();
                if (!n.equals("aggs")) {
                    if (type != null) {
                        throw new ApiError(400, "aggregation '" + name + "' has two types: " + type + " and " + n, null);
                    }
                    type = n;
                }
            }
            if (type == null) {
                throw new ApiError(400, "aggregation '" + name + "' has no type", null);
            }
            JsonNode params = def.get(type);
            String field = text(params, "field", null);
            if (field == null) {
                throw new ApiError(400, "aggregation '" + name + "' needs a \"field\"", null);
            }
            out.add(switch (type) {
                case "terms" -> new AggSpec.Terms(name, field, params.path("size").asInt(10), subs);
                case "date_histogram" -> new AggSpec.DateHistogram(name, field,
                        interval(text(params, "interval", text(params, "fixed_interval", "1h"))), subs);
                case "cardinality" -> noSubs(name, subs, new AggSpec.Cardinality(name, field));
                case "min", "max", "sum", "avg" -> noSubs(name, subs,
                        new AggSpec.Metric(name, field, AggSpec.MetricOp.valueOf(type.toUpperCase(Locale.ROOT))));
                default -> throw new ApiError(400, "aggregation '" + name + "': unknown type '" + type
                        + "' (terms, date_histogram, cardinality, min, max, sum, avg)", null);
            });
        }
        return out;
    }

    private static AggSpec noSubs(String name, List<AggSpec> subs, AggSpec spec) throws ApiError {
        if (!subs.isEmpty()) {
            throw new ApiError(400, "aggregation '" + name + "' cannot hold sub-aggregations", null);
        }
        return spec;
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}, {@code 1w}. */
    static long interval(String text) throws ApiError {
        if (text.length() >= 2 && text.length() <= 12) {
            char unit = text.charAt(text.length() - 1);
            long factor = switch (unit) {
                case 's' -> 1_000L;
                case 'm' -> 60_000L;
                case 'h' -> 3_600_000L;
                case 'd' -> 86_400_000L;
                case 'w' -> 604_800_000L;
                default -> 0;
            };
            try {
                long n = Long.parseLong(text.substring(0, text.length() - 1));
                if (factor > 0 && n > 0) {
                    return Math.multiplyExact(n, factor);
                }
            } catch (NumberFormatException | ArithmeticException e) {
                // fall through to the error
            }
        }
        throw new ApiError(400, "interval must be a positive number and a unit of s, m, h, d, w (e.g. 1h); not '" + text + "'",
                null);
    }

    private static void writeValues(JsonGenerator g, Map<String, AggregationResult.Value> values) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, AggregationResult.Value> e : values.entrySet()) {
            g.writeFieldName(e.getKey());
            writeValue(g, e.getValue());
        }
        g.writeEndObject();
    }

    /** {@code {"value": n}} for a number; {@code {"buckets": […], "other_count": n}} for buckets. */
    private static void writeValue(JsonGenerator g, AggregationResult.Value value) throws IOException {
        g.writeStartObject();
        switch (value) {
            case AggregationResult.Number n -> {
                if (n.value() == null) {
                    g.writeNullField("value");
                } else if (n.value() == Math.rint(n.value()) && Math.abs(n.value()) < 1e15) {
                    g.writeNumberField("value", n.value().longValue());
                } else {
                    g.writeNumberField("value", n.value());
                }
            }
            case AggregationResult.Buckets b -> {
                g.writeArrayFieldStart("buckets");
                for (AggregationResult.Bucket bucket : b.buckets()) {
                    g.writeStartObject();
                    if (bucket.key() instanceof Long l) {
                        g.writeNumberField("key", l); // a number, or a histogram's epoch milliseconds
                    } else {
                        g.writeStringField("key", String.valueOf(bucket.key()));
                    }
                    g.writeNumberField("count", bucket.count());
                    for (Map.Entry<String, AggregationResult.Value> sub : bucket.subs().entrySet()) {
                        g.writeFieldName(sub.getKey());
                        writeValue(g, sub.getValue());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeNumberField("other_count", b.otherCount());
            }
        }
        g.writeEndObject();
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
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
