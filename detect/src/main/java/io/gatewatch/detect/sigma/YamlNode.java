package io.gatewatch.detect.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line it starts on, so that every error can name its line. Built by
 * {@link YamlReader}; maps keep their key order.
 */
sealed interface YamlNode {
    int line();

    /** A kind name for messages: "a map", "a list", "a string"... */
    String kind();

    record YMap(Map<String, Entry> entries, int line) implements YamlNode {
        /** A key's value, with the key's own line (where errors about that key point). */
        record Entry(String key, YamlNode value, int line) {}

        YamlNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        @Override
        public String kind() {
            return "a map";
        }
    }

    record YList(List<YamlNode> items, int line) implements YamlNode {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar: its text as written (numbers keep their spelling) and its YAML type. */
    record YScalar(String text, Type type, int line) implements YamlNode {
        enum Type {
            STRING, INTEGER, FLOAT, BOOLEAN, NULL
        }

        boolean isNull() {
            return type == Type.NULL;
        }

        @Override
        public String kind() {
            return switch (type) {
                case STRING -> "a string";
                case INTEGER, FLOAT -> "a number";
                case BOOLEAN -> "a boolean";
                case NULL -> "null";
            };
        }
    }

    /** The same value as a Jackson tree (what the correlation parser reads). */
    static JsonNode toJson(YamlNode node) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (node) {
            case YMap m -> {
                ObjectNode o = f.objectNode();
                m.entries().forEach((k, e) -> o.set(k, toJson(e.value())));
                yield o;
            }
            case YList l -> {
                ArrayNode a = f.arrayNode();
                l.items().forEach(i -> a.add(toJson(i)));
                yield a;
            }
            case YScalar s -> switch (s.type()) {
                case STRING -> f.textNode(s.text());
                case INTEGER -> integer(s.text());
                case FLOAT -> decimal(s.text());
                case BOOLEAN -> f.booleanNode(Boolean.parseBoolean(s.text().toLowerCase(java.util.Locale.ROOT)));
                case NULL -> f.nullNode();
            };
        };
    }

    private static JsonNode integer(String text) {
        try {
            BigInteger v = new BigInteger(text.replace("_", ""));
            JsonNodeFactory f = JsonNodeFactory.instance;
            return v.bitLength() < 32 ? f.numberNode(v.intValue())
                    : v.bitLength() < 64 ? f.numberNode(v.longValue()) : f.numberNode(v);
        } catch (NumberFormatException e) {
            return JsonNodeFactory.instance.textNode(text); // 0x17, 0o17: kept as written
        }
    }

    private static JsonNode decimal(String text) {
        try {
            return JsonNodeFactory.instance.numberNode(new BigDecimal(text.replace("_", "")).doubleValue());
        } catch (NumberFormatException e) {
            return JsonNodeFactory.instance.textNode(text); // .inf, .nan
        }
    }
}
