package io.gatewatch.server.cti;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A stored event's JSON back into an {@link EcsEvent}, so a retro-hunt hit goes through the live
 * matcher and alert code. Scalar and list fields come back; object fields (labels, earlier
 * enrichments) are left out: the alert carries the retro-hunt's own enrichment.
 */
final class StoredEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredEvents() {}

    static EcsEvent parse(String json) throws IOException {
        EcsEvent e = new EcsEvent();
        walk(JSON.readTree(json), "", e);
        return e;
    }

    private static void walk(JsonNode node, String prefix, EcsEvent e) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            String path = prefix.isEmpty() ? f.getKey() : prefix + '.' + f.getKey();
            JsonNode v = f.getValue();
            EcsField field = EcsField.byPath(path);
            if (field == null) {
                if (v.isObject()) {
                    walk(v, path, e);
                }
                continue;
            }
            switch (field.type()) {
                case DATE -> {
                    try {
                        e.setLong(field, v.isNumber() ? v.asLong() : Instant.parse(v.asText()).toEpochMilli());
                    } catch (DateTimeParseException ex) {
                        // left out: the matcher then judges validity at the clock's time
                    }
                }
                case LONG -> e.setLong(field, v.asLong());
                case KEYWORD_LIST, IP_LIST -> {
                    List<String> list = new ArrayList<>();
                    v.forEach(x -> list.add(x.asText()));
                    if (!v.isArray()) {
                        list.add(v.asText());
                    }
                    e.setList(field, list);
                }
                case KEYWORD, TEXT, IP -> {
                    if (v.isValueNode() && !v.isNull()) {
                        e.set(field, v.asText());
                    }
                }
                default -> {
                    // objects: not needed to match or to show the alert
                }
            }
        }
    }
}
