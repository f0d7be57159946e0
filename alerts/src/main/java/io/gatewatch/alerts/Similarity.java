package io.gatewatch.alerts;

import io.gatewatch.detect.Alert;
import io.gatewatch.detect.event.EventFields;
import io.gatewatch.core.ecs.EcsEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The key that decides which matches make one alert (the reference's similarity strategies): the
 * rule, the intake, then a correlation's {@code group-by} values; else the rule's own fields from
 * {@link AlertSettings}; else {@code source.ip} and {@code destination.ip} as an unordered pair,
 * so that both directions of a conversation are one alert.
 */
final class Similarity {
    static final List<List<String>> DEFAULT = List.of(List.of("source.ip", "destination.ip"));

    private final Map<String, List<List<String>>> perRule;

    Similarity(AlertSettings settings) {
        this.perRule = settings.similarity();
    }

    String key(RaisedAlert raised) {
        Alert a = raised.alert();
        StringBuilder key = new StringBuilder();
        part(key, a.ruleId());
        part(key, raised.intake());
        if (!a.group().isEmpty()) {
            for (var e : new TreeMap<>(a.group()).entrySet()) {
                part(key, e.getKey() + "=" + e.getValue());
            }
            return key.toString();
        }
        EcsEvent event = a.events().isEmpty() ? null : a.events().getLast();
        for (List<String> fields : perRule.getOrDefault(a.ruleId(), DEFAULT)) {
            List<String> values = new ArrayList<>(fields.size());
            for (String f : fields) {
                String v = event == null ? null : EventFields.first(event, f);
                values.add(v == null ? "" : v);
            }
            if (fields.size() > 1) {
                values.sort(null); // swappable: the same set of values, in any order, is the same key
            }
            for (String v : values) {
                part(key, v);
            }
            key.append(';');
        }
        return key.toString();
    }

    /** Each part length-prefixed: no value can forge another key by holding a separator. */
    private static void part(StringBuilder key, String value) {
        String v = value == null ? "" : value;
        key.append(v.length()).append(':').append(v).append('|');
    }
}
