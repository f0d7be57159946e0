package io.gatewatch.server.attack;

import io.gatewatch.detect.attack.AttackCoverage;
import io.gatewatch.detect.attack.NavigatorLayer;
import io.gatewatch.detect.sigma.RuleSet;
import io.gatewatch.server.auth.ApiTokens;
import io.gatewatch.server.http.ApiError;
import io.gatewatch.server.http.ApiRequests;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /api/v1/attack/layer}: the ATT&CK Navigator layer (format 4.5) of the rules detection
 * runs, to open in the Navigator as is. Needs a bearer token ({@link ApiTokens}); 401 with
 * {@code {"error": reason}} otherwise. With detection off no rule runs, and the layer is empty.
 *
 * <p>The rules do not change while the server runs, so the layer is written once, at start.
 */
public final class AttackApi {
    public static final String LAYER_NAME = "gatewatch detection coverage";

    private final byte[] layer;
    private final ApiTokens tokens;

    /** @param rules the rules detection runs; null when detection is off */
    public AttackApi(RuleSet rules, ApiTokens tokens) {
        RuleSet covered = rules != null ? rules : RuleSet.load(List.of());
        this.layer = NavigatorLayer.json(AttackCoverage.of(covered), LAYER_NAME).getBytes(StandardCharsets.UTF_8);
        this.tokens = tokens;
    }

    /** Adds the route to an HTTP server's configuration. */
    public void register(JavalinConfig cfg) {
        cfg.routes.get("/api/v1/attack/layer", this::layer);
    }

    private void layer(Context ctx) {
        try {
            ApiRequests.authenticate(ctx, tokens);
        } catch (ApiError e) {
            ApiRequests.jsonError(ctx, e);
            return;
        }
        ctx.contentType("application/json").result(layer);
    }
}
