package io.gatewatch.detect.attack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The ATT&CK Navigator layer format 4.5 (mitre-attack/attack-navigator,
 * {@code layers/spec/v4.5/layerformat.md}) written as checks: required properties, property
 * types, allowed values, the technique id pattern, and the rules the Navigator enforces on import
 * (gradient bounds, one annotation per technique and tactic). Returns what is wrong, empty when
 * the layer is valid.
 */
final class LayerFormatV45 {
    private static final Pattern TECHNIQUE_ID = Pattern.compile("T\\d{4}(\\.\\d{3})?");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)*");
    private static final Set<String> DOMAINS = Set.of("enterprise-attack", "mobile-attack", "ics-attack");
    private static final Set<String> TACTICS = Set.of("reconnaissance", "resource-development", "initial-access",
            "execution", "persistence", "privilege-escalation", "defense-evasion", "credential-access", "discovery",
            "lateral-movement", "collection", "command-and-control", "exfiltration", "impact");

    /** Layer properties and their JSON types. */
    private static final Map<String, String> LAYER = Map.ofEntries(Map.entry("versions", "object"),
            Map.entry("name", "string"), Map.entry("description", "string"), Map.entry("domain", "string"),
            Map.entry("customDataURL", "string"), Map.entry("filters", "object"), Map.entry("sorting", "number"),
            Map.entry("layout", "object"), Map.entry("hideDisabled", "boolean"), Map.entry("techniques", "array"),
            Map.entry("gradient", "object"), Map.entry("legendItems", "array"),
            Map.entry("showTacticRowBackground", "boolean"), Map.entry("tacticRowBackground", "string"),
            Map.entry("selectTechniquesAcrossTactics", "boolean"), Map.entry("selectSubtechniquesWithParent", "boolean"),
            Map.entry("selectVisibleTechniques", "boolean"), Map.entry("metadata", "array"), Map.entry("links", "array"));
    private static final Map<String, String> TECHNIQUE = Map.of("techniqueID", "string", "tactic", "string",
            "comment", "string", "enabled", "boolean", "score", "number", "color", "string", "metadata", "array",
            "links", "array", "showSubtechniques", "boolean");
    private static final Map<String, String> LAYOUT = Map.of("layout", "string", "showID", "boolean", "showName",
            "boolean", "showAggregateScores", "boolean", "countUnscored", "boolean", "aggregateFunction", "string",
            "expandedSubtechniques", "string");

    private LayerFormatV45() {}

    static List<String> violations(JsonNode layer) {
        List<String> v = new ArrayList<>();
        if (!layer.isObject()) {
            return List.of("a layer is a JSON object");
        }
        properties(layer, LAYER, List.of("name", "domain"), "layer", v);
        JsonNode versions = layer.path("versions");
        if (versions.isObject()) {
            properties(versions, Map.of("attack", "string", "navigator", "string", "layer", "string"),
                    List.of("navigator", "layer"), "versions", v);
            if (!"4.5".equals(versions.path("layer").asText())) {
                v.add("versions.layer must be \"4.5\"");
            }
            if (!VERSION.matcher(versions.path("navigator").asText()).matches()
                    || compare(versions.path("navigator").asText(), "4.9.0") < 0) {
                v.add("versions.navigator must be at least 4.9.0");
            }
        }
        if (!DOMAINS.contains(layer.path("domain").asText())) {
            v.add("domain must be enterprise-attack, mobile-attack or ics-attack");
        }
        if (layer.has("sorting") && !Set.of(0, 1, 2, 3).contains(layer.path("sorting").asInt(-1))) {
            v.add("sorting must be 0, 1, 2 or 3");
        }
        JsonNode layout = layer.path("layout");
        if (layout.isObject()) {
            properties(layout, LAYOUT, List.of(), "layout", v);
            oneOf(layout, "layout", Set.of("side", "flat", "mini"), v);
            oneOf(layout, "aggregateFunction", Set.of("average", "min", "max", "sum"), v);
            oneOf(layout, "expandedSubtechniques", Set.of("none", "all", "annotated"), v);
        }
        Set<String> pairs = new HashSet<>();
        int i = 0;
        for (JsonNode t : layer.path("techniques")) {
            String where = "techniques[" + i++ + "]";
            if (!t.isObject()) {
                v.add(where + " must be an object");
                continue;
            }
            properties(t, TECHNIQUE, List.of("techniqueID"), where, v);
            String id = t.path("techniqueID").asText();
            if (!TECHNIQUE_ID.matcher(id).matches()) {
                v.add(where + ".techniqueID '" + id + "' does not match T####(.###)");
            }
            String tactic = t.has("tactic") ? t.path("tactic").asText() : null;
            if (tactic != null && !TACTICS.contains(tactic)) {
                v.add(where + ".tactic '" + tactic + "' is not an enterprise tactic");
            }
            if (!pairs.add(id + "/" + tactic)) {
                v.add(where + " repeats technique " + id + " for tactic " + tactic);
            }
            if (t.has("color") && !t.path("color").asText().isEmpty() && !COLOR.matcher(t.path("color").asText()).matches()) {
                v.add(where + ".color is not #rrggbb");
            }
            if (t.path("showSubtechniques").asBoolean(false) && id.contains(".")) {
                v.add(where + ".showSubtechniques is only valid on a technique with sub-techniques");
            }
        }
        JsonNode gradient = layer.path("gradient");
        if (layer.has("gradient")) {
            properties(gradient, Map.of("colors", "array", "minValue", "number", "maxValue", "number"),
                    List.of("colors", "minValue", "maxValue"), "gradient", v);
            if (gradient.path("colors").size() < 2) {
                v.add("gradient.colors needs at least two colors");
            }
            for (JsonNode c : gradient.path("colors")) {
                if (!c.isTextual() || !COLOR.matcher(c.asText()).matches()) {
                    v.add("gradient.colors: '" + c + "' is not #rrggbb");
                }
            }
            if (!(gradient.path("maxValue").asDouble() > gradient.path("minValue").asDouble())) {
                v.add("gradient.maxValue must be greater than minValue");
            }
        }
        int k = 0;
        for (JsonNode item : layer.path("legendItems")) {
            properties(item, Map.of("label", "string", "color", "string"), List.of("label", "color"),
                    "legendItems[" + k++ + "]", v);
        }
        return v;
    }

    private static void properties(JsonNode node, Map<String, String> types, List<String> required, String where,
            List<String> v) {
        for (String r : required) {
            if (!node.has(r)) {
                v.add(where + " is missing required property '" + r + "'");
            }
        }
        node.fieldNames().forEachRemaining(name -> {
            String type = types.get(name);
            if (type == null) {
                v.add(where + " has unknown property '" + name + "'");
            } else if (!type.equals(type(node.get(name)))) {
                v.add(where + "." + name + " must be a " + type + ", is a " + type(node.get(name)));
            }
        });
    }

    private static void oneOf(JsonNode node, String name, Set<String> allowed, List<String> v) {
        if (node.has(name) && !allowed.contains(node.path(name).asText())) {
            v.add(name + " must be one of " + new java.util.TreeSet<>(allowed));
        }
    }

    private static String type(JsonNode n) {
        return n.isObject() ? "object" : n.isArray() ? "array" : n.isTextual() ? "string" : n.isNumber() ? "number"
                : n.isBoolean() ? "boolean" : "null";
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int d = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }
}
