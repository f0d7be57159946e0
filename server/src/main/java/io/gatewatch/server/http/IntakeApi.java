package io.gatewatch.server.http;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.core.ecs.JsonOutput;
import io.gatewatch.server.ingest.Ingest;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.security.BasicAuthCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP intake API, wire-compatible with Sekoia.io's: {@code POST /plain}, {@code /plain/batch},
 * {@code /jsons} (with {@code ?path=}), {@code /}, {@code /batch} and {@code /array}. Answers come
 * only once the events are on disk: an event id returned is an event kept.
 *
 * <p>Statuses: 401 for a missing or unknown key, 413 for an event over 250 KiB (a batch: only when
 * every event is), 400 for a body that cannot be read or a bad event date (with the reason), 415
 * for an encoding other than gzip, 503 with {@code Retry-After} when the journal is behind. Every
 * error body is {@code {"error": "reason"}}.
 *
 * <p>Event dates: {@code X-SEKOIAIO-EVENT-TIMESTAMP} dates every event of the request; the root
 * route's {@code @timestamp} and each {@code /array} element's {@code timestamp} date their own
 * event, and win over the header. Each is stored with its event (see {@link EventTimestamps} for
 * the forms), and becomes the event's {@code @timestamp} when the line itself has no time a
 * parser can read; without any, the reception date does.
 *
 * <p>Overload: when the journal is behind, a request is answered 503 before any of its events is
 * queued, so that a client that retries sends nothing twice.
 */
public final class IntakeApi implements AutoCloseable {
    /** The reference's limit on one event. */
    public static final int MAX_EVENT_BYTES = 250 * 1024;
    /** Largest request body, inflated. */
    public static final int MAX_BODY_BYTES = 16 << 20;
    public static final String EVENT_TIMESTAMP_HEADER = "X-SEKOIAIO-EVENT-TIMESTAMP";
    private static final long DURABLE_WAIT_SECONDS = 30;

    private final Ingest ingest;
    private final io.gatewatch.server.metrics.ServerMetrics metrics;
    private final ObjectMapper json = new ObjectMapper();
    private final Javalin app;

    public IntakeApi(Ingest ingest, String host, int port, io.gatewatch.server.metrics.ServerMetrics metrics) {
        this(ingest, host, port, metrics, cfg -> { });
    }

    /** With more routes on the same port: the events API, which has its own authentication. */
    public IntakeApi(Ingest ingest, String host, int port, io.gatewatch.server.metrics.ServerMetrics metrics,
            java.util.function.Consumer<io.javalin.config.JavalinConfig> moreRoutes) {
        this.ingest = ingest;
        this.metrics = metrics;
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(MAX_BODY_BYTES).build());
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
            cfg.routes.post("/plain", ctx -> handle(ctx, "/plain", this::plain));
            cfg.routes.post("/plain/batch", ctx -> handle(ctx, "/plain/batch", this::plainBatch));
            cfg.routes.post("/jsons", ctx -> handle(ctx, "/jsons", this::jsons));
            cfg.routes.post("/", ctx -> handle(ctx, "/", this::root));
            cfg.routes.post("/batch", ctx -> handle(ctx, "/batch", this::batch));
            cfg.routes.post("/array", ctx -> handle(ctx, "/array", this::array));
            cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            cfg.routes.get("/healthz", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
            cfg.routes.get("/readyz", ctx -> {
                boolean ready = !closing;
                ctx.status(ready ? 200 : 503).contentType("application/json")
                        .result(ready ? "{\"status\":\"ready\"}" : "{\"status\":\"stopping\"}");
            });
            moreRoutes.accept(cfg);
            cfg.routes.after(ctx -> metrics.httpStatus(ctx.statusCode()));
        });
        app.start(host, port);
    }

    public int port() {
        return app.port();
    }

    private volatile boolean closing;

    @Override
    public void close() {
        closing = true;
        app.stop();
    }

    /**
     * One event to store: its intake, bytes and the date its sender gave it
     * ({@link io.gatewatch.core.journal.JournalRecord#NO_EVENT_TIME}: none), or the reason it was refused.
     */
    private record Item(String intake, byte[] payload, long eventTime, String refusal) {
        static Item refused(String reason) {
            return new Item(null, null, io.gatewatch.core.journal.JournalRecord.NO_EVENT_TIME, reason);
        }
    }

    /** What a route makes of a request: the events, and whether the answer names one or many. */
    private record Request(List<Item> items, boolean single) {}

    @FunctionalInterface
    private interface Route {
        Request read(Context ctx, byte[] body) throws HttpError, IOException;
    }

    private void handle(Context ctx, String routeName, Route route) {
        long start = System.nanoTime();
        try {
            byte[] body = Bodies.read(ctx.bodyAsBytes(), ctx.header("Content-Encoding"), MAX_BODY_BYTES);
            Request request = route.read(ctx, body);
            respond(ctx, request, start);
        } catch (HttpError e) {
            error(ctx, e.status, e.getMessage());
        } catch (IOException e) {
            error(ctx, 400, "the body is not valid JSON: " + firstLine(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(ctx, 503, "shutting down");
        } finally {
            metrics.httpRequest(routeName, ctx.statusCode(), System.nanoTime() - start);
        }
    }

    private void respond(Context ctx, Request request, long receivedNanos) throws HttpError, InterruptedException {
        List<Item> items = request.items();
        if (ingest.backpressure().behind()) {
            // Checked before anything is queued: a client that retries then sends nothing twice.
            ctx.header("Retry-After", "1");
            throw new HttpError(503, "the journal is behind; retry later");
        }
        List<CompletableFuture<Long>> pending = new ArrayList<>(items.size());
        int refused = 0;
        for (Item item : items) {
            if (item.refusal() != null) {
                pending.add(null);
                refused++;
                continue;
            }
            pending.add(ingest.submit(item.intake(), item.payload(), item.eventTime(), receivedNanos));
        }
        List<String> ids = new ArrayList<>(items.size());
        for (CompletableFuture<Long> f : pending) {
            if (f == null) {
                ids.add(null);
                continue;
            }
            try {
                ids.add(eventId(f.get(DURABLE_WAIT_SECONDS, TimeUnit.SECONDS)));
            } catch (ExecutionException | TimeoutException e) {
                ctx.header("Retry-After", "1");
                throw new HttpError(503, "the events could not be made durable; retry later");
            }
        }
        boolean allRefused = !items.isEmpty() && refused == items.size();
        JsonOutput out = new JsonOutput(64 + 40 * ids.size());
        out.raw((byte) '{');
        if (request.single()) {
            if (allRefused) {
                error(ctx, items.get(0).refusal().startsWith("event larger") ? 413 : 401, items.get(0).refusal());
                return;
            }
            out.string("event_id");
            out.raw((byte) ':');
            out.string(ids.get(0));
        } else {
            out.string("event_ids");
            out.raw((byte) ':');
            out.raw((byte) '[');
            for (int i = 0; i < ids.size(); i++) {
                if (i > 0) {
                    out.raw((byte) ',');
                }
                if (ids.get(i) == null) {
                    out.raw("null".getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.string(ids.get(i));
                }
            }
            out.raw((byte) ']');
            if (refused > 0) {
                out.raw(",\"rejected\":[".getBytes(StandardCharsets.US_ASCII));
                boolean first = true;
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i).refusal() == null) {
                        continue;
                    }
                    if (!first) {
                        out.raw((byte) ',');
                    }
                    first = false;
                    out.raw(("{\"index\":" + i + ",\"reason\":").getBytes(StandardCharsets.US_ASCII));
                    out.string(items.get(i).refusal());
                    out.raw((byte) '}');
                }
                out.raw((byte) ']');
            }
        }
        out.raw((byte) '}');
        ctx.status(allRefused ? 413 : 200).contentType("application/json").result(out.toString());
    }

    /** The event id of a journal offset: the same id the journal and the store use. */
    static String eventId(long offset) {
        return io.gatewatch.core.journal.JournalRecord.eventId(offset);
    }

    // ---- routes whose key is in the request (header, Basic password, or ?intake_key=) ----

    private String requestIntake(Context ctx) throws HttpError {
        String key = ctx.header("X-SEKOIAIO-INTAKE-KEY");
        if (key == null || key.isBlank()) {
            try {
                BasicAuthCredentials basic = ctx.basicAuthCredentials();
                key = basic == null ? null : basic.getPassword();
            } catch (RuntimeException e) {
                key = null;
            }
        }
        if (key == null || key.isBlank()) {
            key = ctx.queryParam("intake_key");
        }
        if (key == null || key.isBlank()) {
            throw new HttpError(401, "no intake key: send it in X-SEKOIAIO-INTAKE-KEY, as the Basic password, or as ?intake_key=");
        }
        String intake = ingest.intakeOf(key.strip());
        if (intake == null) {
            ingest.refusedKey();
            throw new HttpError(401, "unknown intake key");
        }
        return intake;
    }

    private static Item item(String intake, byte[] payload, long eventTime) {
        if (payload.length > MAX_EVENT_BYTES) {
            return Item.refused("event larger than " + MAX_EVENT_BYTES + " bytes");
        }
        return new Item(intake, payload, eventTime, null);
    }

    /** The date the header gives every event of the request, or NO_EVENT_TIME. */
    private static long headerTime(Context ctx) throws HttpError {
        return EventTimestamps.parse(ctx.header(EVENT_TIMESTAMP_HEADER), EVENT_TIMESTAMP_HEADER);
    }

    /** The date a body field gives its event (a string or a number), else the header's. */
    private static long bodyTime(JsonNode field, String name, long headerTime) throws HttpError {
        if (field == null || field.isNull() || field.isMissingNode()) {
            return headerTime;
        }
        String value;
        if (field.isIntegralNumber()) {
            value = field.bigIntegerValue().toString();
        } else if (field.isNumber()) {
            value = java.math.BigDecimal.valueOf(field.doubleValue()).toPlainString();
        } else {
            value = field.asText();
        }
        return EventTimestamps.parse(value, "\"" + name + "\"");
    }

    private Request plain(Context ctx, byte[] body) throws HttpError {
        String intake = requestIntake(ctx);
        int end = body.length;
        while (end > 0 && (body[end - 1] == '\n' || body[end - 1] == '\r')) {
            end--;
        }
        if (end == 0) {
            throw new HttpError(400, "empty event");
        }
        return new Request(List.of(item(intake, java.util.Arrays.copyOf(body, end), headerTime(ctx))), true);
    }

    private Request plainBatch(Context ctx, byte[] body) throws HttpError {
        String intake = requestIntake(ctx);
        long time = headerTime(ctx);
        List<Item> items = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                int end = i;
                if (end > start && body[end - 1] == '\r') {
                    end--;
                }
                if (end > start) {
                    items.add(item(intake, java.util.Arrays.copyOfRange(body, start, end), time));
                }
                start = i + 1;
            }
        }
        if (items.isEmpty()) {
            throw new HttpError(400, "no event in the body");
        }
        return new Request(items, false);
    }

    private Request jsons(Context ctx, byte[] body) throws HttpError, IOException {
        String intake = requestIntake(ctx);
        long time = headerTime(ctx);
        JsonNode root = json.readTree(body);
        String path = ctx.queryParam("path");
        if (path != null && !path.isBlank()) {
            root = select(root, path);
        }
        if (root == null || !root.isArray()) {
            throw new HttpError(400, path == null ? "the body is not a JSON array" : "?path=" + path + " is not an array");
        }
        List<Item> items = new ArrayList<>();
        for (JsonNode n : root) {
            items.add(item(intake, eventBytes(n), time));
        }
        return new Request(items, false);
    }

    /** A dotted JSONPath such as {@code $.data.events}. */
    private static JsonNode select(JsonNode root, String path) throws HttpError {
        if (!path.startsWith("$")) {
            throw new HttpError(400, "?path= takes a JSONPath such as $.data.events");
        }
        JsonNode n = root;
        for (String part : path.substring(1).split("\\.")) {
            if (part.isEmpty()) {
                continue;
            }
            n = n == null ? null : n.get(part);
        }
        return n;
    }

    /** An event is a string (sent as is) or any other JSON value (sent as compact JSON). */
    private byte[] eventBytes(JsonNode n) throws IOException {
        return n.isTextual() ? n.asText().getBytes(StandardCharsets.UTF_8) : json.writeValueAsBytes(n);
    }

    // ---- routes whose key is in the JSON body ----

    private String bodyIntake(JsonNode key) {
        if (key == null || !key.isTextual()) {
            return null;
        }
        String intake = ingest.intakeOf(key.asText().strip());
        if (intake == null) {
            ingest.refusedKey();
        }
        return intake;
    }

    private Request root(Context ctx, byte[] body) throws HttpError, IOException {
        long time = headerTime(ctx);
        JsonNode root = json.readTree(body);
        if (root == null || !root.isObject() || root.get("json") == null) {
            throw new HttpError(400, "expected {\"intake_key\": ..., \"json\": \"event\"}");
        }
        String intake = bodyIntake(root.get("intake_key"));
        if (intake == null) {
            throw new HttpError(401, "missing or unknown intake_key");
        }
        return new Request(List.of(item(intake, eventBytes(root.get("json")), bodyTime(root.get("@timestamp"), "@timestamp", time))),
                true);
    }

    private Request batch(Context ctx, byte[] body) throws HttpError, IOException {
        long time = headerTime(ctx);
        JsonNode root = json.readTree(body);
        if (root == null || !root.isObject() || root.get("jsons") == null || !root.get("jsons").isArray()) {
            throw new HttpError(400, "expected {\"intake_key\": ..., \"jsons\": [\"event\", ...]}");
        }
        String intake = bodyIntake(root.get("intake_key"));
        if (intake == null) {
            throw new HttpError(401, "missing or unknown intake_key");
        }
        List<Item> items = new ArrayList<>();
        for (JsonNode n : root.get("jsons")) {
            items.add(item(intake, eventBytes(n), time));
        }
        return new Request(items, false);
    }

    private Request array(Context ctx, byte[] body) throws HttpError, IOException {
        long time = headerTime(ctx);
        JsonNode root = json.readTree(body);
        if (root == null || !root.isArray()) {
            throw new HttpError(400, "expected [{\"intake_key\": ..., \"json\": \"event\"}, ...]");
        }
        List<Item> items = new ArrayList<>();
        for (JsonNode n : root) {
            JsonNode event = n.get("json");
            String intake = bodyIntake(n.get("intake_key"));
            if (event == null) {
                items.add(Item.refused("no \"json\" field"));
            } else if (intake == null) {
                items.add(Item.refused("missing or unknown intake_key"));
            } else {
                try {
                    items.add(item(intake, eventBytes(event), bodyTime(n.get("timestamp"), "timestamp", time)));
                } catch (HttpError badDate) {
                    items.add(Item.refused(badDate.getMessage()));
                }
            }
        }
        return new Request(items, false);
    }

    private static void error(Context ctx, int status, String reason) {
        JsonOutput out = new JsonOutput(64 + reason.length());
        out.raw("{\"error\":".getBytes(StandardCharsets.US_ASCII));
        out.string(reason);
        out.raw((byte) '}');
        ctx.status(status).contentType("application/json").result(out.toString());
    }

    private static String firstLine(String s) {
        return s == null ? "malformed" : s.lines().findFirst().orElse(s);
    }
}
