package io.gatewatch.core.ecs;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link EcsEvent} as JSON with nested objects ({@code {"source":{"ip":…}}}).
 *
 * <p>The object tree is built once from the dotted paths of {@link EcsField}; each node carries
 * the presence mask of the fields below it, so absent subtrees cost one AND. Names are encoded
 * once; values are escaped straight into the reused {@link JsonOutput}. No reflection, no maps.
 */
public final class EcsJsonWriter {
    private static final Node ROOT = buildTree();

    private EcsJsonWriter() {}

    /** Compact JSON, no trailing newline. */
    public static void write(EcsEvent event, JsonOutput out) {
        writeObject(ROOT, event, out, -1);
    }

    /** Indented JSON (two spaces), for people. */
    public static void writePretty(EcsEvent event, JsonOutput out) {
        writeObject(ROOT, event, out, 0);
    }

    private static final class Node {
        final String name;
        /** {@code "name":}, padded to whole 8-byte words for {@link JsonOutput#rawWords}. */
        final byte[] quotedName;
        final int quotedNameLength;
        final EcsField field;
        final Map<String, Node> children = new LinkedHashMap<>();
        Node[] childArray;
        long maskLow;
        long maskHigh;

        Node(String name, EcsField field) {
            this.name = name;
            this.field = field;
            byte[] encoded = ('"' + name + "\":").getBytes(StandardCharsets.UTF_8);
            this.quotedName = JsonOutput.padToWords(encoded);
            this.quotedNameLength = encoded.length;
        }
    }

    private static Node buildTree() {
        Node root = new Node("", null);
        for (EcsField f : EcsField.values()) {
            String[] parts = f.path().split("\\.");
            Node cur = root;
            markPresence(cur, f);
            for (int i = 0; i < parts.length; i++) {
                boolean leaf = i == parts.length - 1;
                Node next = cur.children.get(parts[i]);
                if (next == null) {
                    next = new Node(parts[i], leaf ? f : null);
                    cur.children.put(parts[i], next);
                } else if (leaf || next.field != null) {
                    throw new IllegalStateException("ECS path " + f.path() + " clashes with another field");
                }
                markPresence(next, f);
                cur = next;
            }
        }
        freeze(root);
        return root;
    }

    private static void markPresence(Node n, EcsField f) {
        int i = f.ordinal();
        if (i < 64) {
            n.maskLow |= 1L << i;
        } else {
            n.maskHigh |= 1L << (i - 64);
        }
    }

    private static void freeze(Node n) {
        n.childArray = n.children.values().toArray(new Node[0]);
        for (Node c : n.childArray) {
            freeze(c);
        }
    }

    private static void writeObject(Node node, EcsEvent event, JsonOutput out, int depth) {
        out.raw((byte) '{');
        boolean first = true;
        for (Node child : node.childArray) {
            if (!event.hasAny(child.maskLow, child.maskHigh)) {
                continue;
            }
            if (!first) {
                out.raw((byte) ',');
            }
            first = false;
            newline(out, depth < 0 ? -1 : depth + 1);
            out.rawWords(child.quotedName, child.quotedNameLength);
            if (depth >= 0) {
                out.raw((byte) ' ');
            }
            if (child.field != null) {
                writeValue(child.field, event.get(child.field), out, depth < 0 ? -1 : depth + 1);
            } else {
                writeObject(child, event, out, depth < 0 ? -1 : depth + 1);
            }
        }
        if (!first) {
            newline(out, depth);
        }
        out.raw((byte) '}');
    }

    private static void newline(JsonOutput out, int depth) {
        if (depth < 0) {
            return;
        }
        out.raw((byte) '\n');
        for (int i = 0; i < depth; i++) {
            out.raw((byte) ' ');
            out.raw((byte) ' ');
        }
    }

    private static void writeValue(EcsField field, Object value, JsonOutput out, int depth) {
        switch (field.type()) {
            case LONG -> out.number((Long) value);
            case DATE -> {
                out.raw((byte) '"');
                Rfc3339.appendUtc((Long) value, out);
                out.raw((byte) '"');
            }
            case KEYWORD_LIST, IP_LIST -> writeList(value, out, depth);
            case OBJECT -> {
                // threat.enrichments is an array of objects; every other object field is a map.
                if (value instanceof List<?>) {
                    writeList(value, out, depth);
                } else {
                    writeMap(value, out, depth);
                }
            }
            default -> {
                if (value instanceof Utf8Text t) {
                    out.utf8(t);
                } else {
                    out.string((String) value);
                }
            }
        }
    }

    private static void writeList(Object value, JsonOutput out, int depth) {
        List<?> list = (List<?>) value;
        out.raw((byte) '[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.raw((byte) ',');
            }
            newline(out, depth < 0 ? -1 : depth + 1);
            Object item = list.get(i);
            if (item instanceof Map<?, ?>) {
                writeMap(item, out, depth < 0 ? -1 : depth + 1);
            } else {
                out.string(String.valueOf(item));
            }
        }
        newline(out, depth);
        out.raw((byte) ']');
    }

    private static void writeMap(Object value, JsonOutput out, int depth) {
        Map<?, ?> map = (Map<?, ?>) value;
        out.raw((byte) '{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!first) {
                out.raw((byte) ',');
            }
            first = false;
            newline(out, depth < 0 ? -1 : depth + 1);
            out.string(String.valueOf(e.getKey()));
            out.raw((byte) ':');
            if (depth >= 0) {
                out.raw((byte) ' ');
            }
            Object v = e.getValue();
            if (v instanceof Map<?, ?>) {
                writeMap(v, out, depth < 0 ? -1 : depth + 1);
            } else if (v instanceof List<?>) {
                writeList(v, out, depth < 0 ? -1 : depth + 1);
            } else {
                out.string(String.valueOf(v));
            }
        }
        if (!first) {
            newline(out, depth);
        }
        out.raw((byte) '}');
    }
}
