package io.gatewatch.detect;

import io.gatewatch.core.ecs.JsonOutput;
import io.gatewatch.core.ecs.Rfc3339;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An alert as one JSON object: {@code {"rule_id", "title", "level", "tags", "@timestamp",
 * "correlation_type", "group", "events"}}, the events as the ECS JSON the parser writes. The one
 * encoding of alerts, for {@code gatewatch detect} and for the alerts {@code serve} writes.
 */
public final class AlertJson {
    private AlertJson() {}

    /**
     * Appends the alert's object to {@code json}. {@code extra}, when not null, is raw JSON members
     * written first (e.g. {@code "alert_id":"…","event_offset":12,}), each followed by a comma.
     */
    public static void write(Alert a, String extra, JsonOutput json) {
        raw(json, "{");
        if (extra != null) {
            raw(json, extra);
        }
        raw(json, "\"rule_id\":");
        json.string(a.ruleId());
        raw(json, ",\"title\":");
        nullable(json, a.ruleTitle());
        raw(json, ",\"level\":");
        nullable(json, a.level());
        raw(json, ",\"tags\":[");
        for (int i = 0; i < a.tags().size(); i++) {
            if (i > 0) {
                raw(json, ",");
            }
            json.string(a.tags().get(i));
        }
        raw(json, "],\"@timestamp\":");
        json.string(Rfc3339.formatUtc(a.timestampMillis()));
        raw(json, ",\"correlation_type\":");
        nullable(json, a.correlationType());
        raw(json, ",\"group\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : a.group().entrySet()) {
            if (!first) {
                raw(json, ",");
            }
            first = false;
            json.string(e.getKey());
            raw(json, ":");
            nullable(json, e.getValue());
        }
        raw(json, "},\"events\":[");
        for (int i = 0; i < a.events().size(); i++) {
            if (i > 0) {
                raw(json, ",");
            }
            raw(json, a.events().get(i).toJson());
        }
        raw(json, "]}");
    }

    private static void nullable(JsonOutput json, String s) {
        if (s == null) {
            raw(json, "null");
        } else {
            json.string(s);
        }
    }

    private static void raw(JsonOutput json, String s) {
        json.raw(s.getBytes(StandardCharsets.UTF_8));
    }
}
