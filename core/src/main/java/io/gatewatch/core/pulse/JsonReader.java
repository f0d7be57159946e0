package io.gatewatch.core.pulse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import java.io.IOException;

/**
 * Reads the JSON format of ICS 22.x ({@code {"message_id":"AUT31556", …, "raw_message":"…"}}) with
 * Jackson's streaming parser; unknown scalar keys go to {@code labels}.
 */
final class JsonReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16)
                    .maxStringLength(1 << 20)
                    .maxNumberLength(64)
                    .build())
            .build();

    private JsonReader() {}

    /** Fills {@code r}; returns null on success or the reason the body is not a usable object. */
    static String read(byte[] b, int from, int to, PulseRecord r, EcsEvent e) {
        String code = null;
        String text = null;
        int labels = 0;
        try (JsonParser p = FACTORY.createParser(b, from, to - from)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "json format: not an object";
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                String value = v == JsonToken.VALUE_NULL ? null : p.getText().strip();
                switch (key) {
                    case "message_id" -> code = value;
                    case "raw_message" -> text = value;
                    case "timestamp" -> {
                        long secs = TemplateRule.parseLong(value == null ? "" : value);
                        if (secs != Long.MIN_VALUE && r.epochMillis == PulseRecord.NO_TIME) {
                            r.epochMillis = secs * 1000;
                        }
                    }
                    case "us_timestamp" -> {
                        long millis = epochMillis(value);
                        if (millis != Long.MIN_VALUE) {
                            r.epochMillis = millis;
                        }
                    }
                    case "source_ip" -> r.src = value;
                    case "user" -> r.user = value;
                    case "realm_name" -> r.realm = value;
                    case "roles" -> r.roles = value;
                    case "session_id" -> r.sessionId = value;
                    case "useragent" -> r.agent = value;
                    case "macaddr" -> r.macaddr = value;
                    case "sev_num" -> r.pri = value;
                    case "sev_string" -> r.severityName = value;
                    default -> {
                        if (value != null && !value.isEmpty() && labels++ < WelfReader.MAX_LABELS) {
                            e.putLabel(EcsField.LABELS, key, value);
                        }
                    }
                }
            }
            if (t != JsonToken.END_OBJECT) {
                return "json format: unexpected " + t;
            }
        } catch (IOException | RuntimeException ex) {
            return "json format: " + firstLine(ex.getMessage());
        }
        if (code != null && !code.isEmpty()) {
            r.code = code;
            r.rest = text == null ? null : " " + text;
        } else if (text != null && !text.isEmpty()) {
            r.uncodedText = text;
        } else {
            return "json format: neither message_id nor raw_message";
        }
        return null;
    }

    /** {@code "1733293104.48858"} → epoch milliseconds, or Long.MIN_VALUE. */
    static long epochMillis(String v) {
        if (v == null || v.isEmpty()) {
            return Long.MIN_VALUE;
        }
        int dot = v.indexOf('.');
        long secs = TemplateRule.parseLong(dot < 0 ? v : v.substring(0, dot));
        if (secs == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        long millis = 0;
        if (dot >= 0) {
            String frac = (v.substring(dot + 1) + "000").substring(0, 3);
            millis = TemplateRule.parseLong(frac);
            if (millis == Long.MIN_VALUE) {
                return Long.MIN_VALUE;
            }
        }
        return secs * 1000 + millis;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "malformed";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
