package io.gatewatch.server.alerts;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.alerts.AlertComment;
import io.gatewatch.alerts.AlertDetail;
import io.gatewatch.alerts.AlertJsonWriter;
import io.gatewatch.alerts.AlertPage;
import io.gatewatch.alerts.AlertQuery;
import io.gatewatch.alerts.AlertStatus;
import io.gatewatch.alerts.AlertStore;
import io.gatewatch.alerts.IllegalTransitionException;
import io.gatewatch.alerts.Stage;
import io.gatewatch.alerts.StoredAlert;
import io.gatewatch.server.auth.ApiTokens;
import io.gatewatch.server.http.ApiError;
import io.gatewatch.server.http.ApiRequests;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The alerts API: {@code GET /api/v1/alerts} (filters {@code status}, {@code stage}, {@code rule},
 * {@code urgency_min}/{@code urgency_max}, {@code from}/{@code to}, {@code q}; paging with
 * {@code limit}/{@code cursor}), {@code GET /api/v1/alerts/{id}} (uuid or short id, with its
 * events, history and comments), {@code PATCH /api/v1/alerts/{id}} ({@code status},
 * {@code comment}, {@code assignee}) and {@code POST /api/v1/alerts/{id}/comments}
 * ({@code text}). Every route needs a bearer token; the token's name is the author of a change.
 * Errors are {@code {"error": reason}} with 400, 401, 404 or 409 (a transition the lifecycle
 * does not allow).
 */
public final class AlertsApi {
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final AlertStore alerts;
    private final ApiTokens tokens;
    private final ObjectMapper json = new ObjectMapper();

    public AlertsApi(AlertStore alerts, ApiTokens tokens) {
        this.alerts = alerts;
        this.tokens = tokens;
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build());
    }

    /** Adds the routes to an HTTP server's configuration. */
    public void register(JavalinConfig cfg) {
        cfg.routes.get("/api/v1/alerts", ctx -> guarded(ctx, this::list));
        cfg.routes.get("/api/v1/alerts/{id}", ctx -> guarded(ctx, this::one));
        cfg.routes.patch("/api/v1/alerts/{id}", ctx -> guarded(ctx, this::patch));
        cfg.routes.post("/api/v1/alerts/{id}/comments", ctx -> guarded(ctx, this::comment));
    }

    @FunctionalInterface
    private interface Route {
        void handle(Context ctx, String author) throws IOException, ApiError, IllegalTransitionException;
    }

    private void guarded(Context ctx, Route route) {
        try {
            route.handle(ctx, ApiRequests.authenticate(ctx, tokens));
        } catch (ApiError e) {
            ApiRequests.jsonError(ctx, e);
        } catch (IllegalTransitionException e) {
            ApiRequests.jsonError(ctx, 409, e.getMessage(), null);
        } catch (IllegalArgumentException e) {
            ApiRequests.jsonError(ctx, 400, e.getMessage(), null);
        } catch (IOException e) {
            ApiRequests.jsonError(ctx, 500, "the alerts store failed: " + e.getMessage(), null);
        }
    }

    private void list(Context ctx, String author) throws IOException, ApiError {
        Set<AlertStatus> statuses = AlertQuery.parseStatuses(ctx.queryParam("status"));
        String stageText = ctx.queryParam("stage");
        if (stageText != null && !stageText.isBlank()) {
            Stage stage = Stage.parse(stageText);
            if (stage == null) {
                throw new ApiError(400, "stage is open, in_progress or closed; not '" + bounded(stageText) + "'");
            }
            Set<AlertStatus> ofStage = EnumSet.copyOf(AlertStatus.of(stage));
            if (!statuses.isEmpty()) {
                ofStage.retainAll(statuses);
                if (ofStage.isEmpty()) {
                    write(ctx, 200, g -> {
                        g.writeStartObject();
                        g.writeArrayFieldStart("alerts");
                        g.writeEndArray();
                        g.writeNullField("next_cursor");
                        g.writeEndObject();
                    });
                    return;
                }
            }
            statuses = ofStage;
        }
        Instant now = Instant.now();
        AlertQuery q = new AlertQuery(statuses, ctx.queryParam("rule"), intParam(ctx, "urgency_min", 0),
                intParam(ctx, "urgency_max", 100), bound(ctx.queryParam("from"), now, false, Long.MIN_VALUE),
                bound(ctx.queryParam("to"), now, true, Long.MAX_VALUE), ctx.queryParam("q"),
                intParam(ctx, "limit", AlertQuery.DEFAULT_LIMIT), ApiRequests.blankToNull(ctx.queryParam("cursor")));
        AlertPage page = alerts.list(q);
        write(ctx, 200, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("alerts");
            for (StoredAlert a : page.alerts()) {
                AlertJsonWriter.summary(g, a);
            }
            g.writeEndArray();
            g.writeStringField("next_cursor", page.nextCursor());
            g.writeEndObject();
        });
    }

    private void one(Context ctx, String author) throws IOException, ApiError {
        AlertDetail d = alerts.get(ctx.pathParam("id")).orElseThrow(() -> notFound(ctx));
        write(ctx, 200, g -> AlertJsonWriter.detail(g, d));
    }

    private void patch(Context ctx, String author) throws IOException, ApiError, IllegalTransitionException {
        JsonNode body = body(ctx);
        AlertStatus status = null;
        JsonNode s = body.get("status");
        if (s != null && !s.isNull()) {
            status = s.isTextual() ? AlertStatus.parse(s.asText()) : null;
            if (status == null) {
                throw new ApiError(400, "status is one of pending, acknowledged, ongoing, rejected, closed; not "
                        + bounded(s.toString()));
            }
        }
        String assignee = text(body, "assignee");
        if (status == null && assignee == null) {
            throw new ApiError(400, "nothing to change: give \"status\" (with an optional \"comment\") or \"assignee\"");
        }
        Optional<AlertDetail> d = alerts.update(ctx.pathParam("id"), status, assignee, author, text(body, "comment"));
        AlertDetail detail = d.orElseThrow(() -> notFound(ctx));
        write(ctx, 200, g -> AlertJsonWriter.detail(g, detail));
    }

    private void comment(Context ctx, String author) throws IOException, ApiError {
        JsonNode body = body(ctx);
        String text = text(body, "text");
        if (text == null) {
            throw new ApiError(400, "a comment is {\"text\": \"…\"}");
        }
        AlertComment c = alerts.comment(ctx.pathParam("id"), author, text).orElseThrow(() -> notFound(ctx));
        write(ctx, 201, g -> AlertJsonWriter.comment(g, c));
    }

    private static ApiError notFound(Context ctx) {
        return new ApiError(404, "no alert with id " + bounded(ctx.pathParam("id")));
    }

    private JsonNode body(Context ctx) throws ApiError {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiError(413, "a request body is at most " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (IOException e) {
            throw new ApiError(400, "the body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new ApiError(400, "the body must be a JSON object");
        }
        return root;
    }

    private static String text(JsonNode body, String field) throws ApiError {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ApiError(400, "\"" + field + "\" must be a string");
        }
        return v.asText();
    }

    @FunctionalInterface
    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private void write(Context ctx, int status, Writer writer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            writer.write(g);
        }
        ctx.status(status).contentType("application/json").result(out.toByteArray());
    }

    /** An alert bound is short; a long one is refused before it is parsed. */
    private static long bound(String text, Instant now, boolean roundUp, long absent) {
        if (text != null && !text.isBlank() && text.length() > 64) {
            throw new IllegalArgumentException("a time bound is at most 64 characters");
        }
        return ApiRequests.timeBound(text, now, roundUp, absent);
    }

    private static int intParam(Context ctx, String name, int fallback) throws ApiError {
        return ApiRequests.intParam(ctx, name, fallback, 64);
    }

    private static String bounded(String s) {
        return ApiRequests.shortened(s, 64);
    }
}
