package io.gatewatch.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.server.auth.ApiTokens;
import io.gatewatch.store.query.DateMath;
import io.javalin.http.Context;
import java.time.Instant;

/**
 * What every token-guarded JSON API does with a request the same way: find and check the bearer
 * token, read query parameters, and write an error as {@code {"error": reason}}.
 */
public final class ApiRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiRequests() {
    }

    /** The token of an {@code Authorization: Bearer …} header; null without one. */
    public static String bearerToken(Context ctx) {
        String auth = ctx.header("Authorization");
        return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
    }

    /**
     * The name of the request's token. Without a known token the answer is 401 with
     * {@code WWW-Authenticate: Bearer}, so that a client knows which scheme to retry with.
     */
    public static String authenticate(Context ctx, ApiTokens tokens) throws ApiError {
        String token = bearerToken(ctx);
        String name = tokens.nameOf(token);
        if (name == null) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, token == null ? "a bearer token is required (Authorization: Bearer …)"
                    : "unknown token");
        }
        return name;
    }

    /** A whole-number query parameter; {@code fallback} when absent or blank. */
    public static int intParam(Context ctx, String name, int fallback) throws ApiError {
        return intParam(ctx, name, fallback, Integer.MAX_VALUE);
    }

    /**
     * A whole-number query parameter; {@code fallback} when absent or blank. A value that is not a
     * number is echoed in the 400, cut to {@code maxEcho} characters.
     */
    public static int intParam(Context ctx, String name, int fallback, int maxEcho) throws ApiError {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new ApiError(400, name + " must be a whole number, not '" + shortened(v, maxEcho) + "'");
        }
    }

    /**
     * A window bound ({@code now-15m}, an ISO instant, …) in epoch milliseconds; {@code absent}
     * when the text is absent or blank.
     *
     * @throws IllegalArgumentException when the text is not a bound
     */
    public static long timeBound(String text, Instant now, boolean roundUp, long absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        return DateMath.parseWindowBound(text.strip(), now, roundUp);
    }

    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Request text echoed in an error, cut short: an error must not reflect a megabyte back. */
    public static String shortened(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    /** Writes {@code {"error": reason}}, with the position when there is one. */
    public static void jsonError(Context ctx, int status, String reason, Integer position) {
        var body = JSON.createObjectNode().put("error", reason == null ? "error" : reason);
        if (position != null) {
            body.put("position", position);
        }
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    /** Writes an {@link ApiError}. */
    public static void jsonError(Context ctx, ApiError e) {
        jsonError(ctx, e.status(), e.getMessage(), e.position());
    }
}
