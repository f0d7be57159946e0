package io.gatewatch.detect.correlation;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.ecs.FieldType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sample events in the correlation state file: each present field by its ECS path (stable across
 * releases, unlike ordinals), then its value tagged by kind. Text kept as UTF-8 bytes comes back
 * as a String, which every reader of an event accepts.
 */
final class EventCodec {
    private static final int STRING = 1;
    private static final int LONG = 2;
    private static final int LIST = 3;
    private static final int MAP = 4;
    private static final int MAX_DEPTH = 8;
    private static final int MAX_ITEMS = 1 << 20;

    private EventCodec() {}

    static void write(DataOutput out, EcsEvent e) throws IOException {
        int n = 0;
        for (EcsField f : EcsField.values()) {
            if (e.has(f)) {
                n++;
            }
        }
        out.writeInt(n);
        for (EcsField f : EcsField.values()) {
            if (e.has(f)) {
                writeString(out, f.path());
                writeValue(out, e.get(f), 0);
            }
        }
    }

    static EcsEvent read(DataInput in) throws IOException {
        int n = count(in, EcsField.COUNT);
        EcsEvent e = new EcsEvent();
        for (int i = 0; i < n; i++) {
            String path = readString(in);
            Object v = readValue(in, 0);
            EcsField f = EcsField.byPath(path);
            if (f == null) {
                continue; // a field a later release dropped: the sample loses it, the state does not
            }
            if (v instanceof Long l && (f.type() == FieldType.LONG || f.type() == FieldType.DATE)) {
                e.setLong(f, l);
            } else if (v instanceof List<?> l && f.type() != FieldType.OBJECT) {
                @SuppressWarnings("unchecked")
                List<String> strings = (List<String>) l;
                e.setList(f, strings);
            } else if (v instanceof Map<?, ?> m && f.type() == FieldType.OBJECT) {
                @SuppressWarnings("unchecked")
                Map<String, ?> map = (Map<String, ?>) m;
                e.setObject(f, map);
            } else if (v instanceof String s) {
                e.set(f, s);
            }
        }
        return e;
    }

    private static void writeValue(DataOutput out, Object v, int depth) throws IOException {
        if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object o : list) {
                writeString(out, String.valueOf(o));
            }
        } else if (v instanceof Map<?, ?> map && depth < MAX_DEPTH) {
            out.writeByte(MAP);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> en : map.entrySet()) {
                writeString(out, String.valueOf(en.getKey()));
                writeValue(out, en.getValue(), depth + 1);
            }
        } else {
            out.writeByte(STRING);
            writeString(out, String.valueOf(v));
        }
    }

    private static Object readValue(DataInput in, int depth) throws IOException {
        int tag = in.readByte();
        switch (tag) {
            case STRING:
                return readString(in);
            case LONG:
                return in.readLong();
            case LIST: {
                int n = count(in, MAX_ITEMS);
                List<String> list = new ArrayList<>(Math.min(n, 64));
                for (int i = 0; i < n; i++) {
                    list.add(readString(in));
                }
                return List.copyOf(list);
            }
            case MAP: {
                if (depth >= MAX_DEPTH) {
                    throw new IOException("correlation state: sample event nested deeper than " + MAX_DEPTH);
                }
                int n = count(in, MAX_ITEMS);
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    String k = readString(in);
                    map.put(k, readValue(in, depth + 1));
                }
                return map;
            }
            default:
                throw new IOException("correlation state: unknown value tag " + tag + " in a sample event");
        }
    }

    /**
     * Length then chars: one byte each when all are below 256 (the usual case), else two. Exact
     * for any Java string, unpaired surrogates included, which UTF-8 would not be.
     */
    static void writeString(DataOutput out, String s) throws IOException {
        boolean narrow = true;
        for (int i = 0; i < s.length() && narrow; i++) {
            narrow = s.charAt(i) < 256;
        }
        out.writeInt(narrow ? s.length() : -s.length() - 1);
        for (int i = 0; i < s.length(); i++) {
            if (narrow) {
                out.writeByte(s.charAt(i));
            } else {
                out.writeChar(s.charAt(i));
            }
        }
    }

    static String readString(DataInput in) throws IOException {
        int n = in.readInt();
        boolean narrow = n >= 0;
        int len = narrow ? n : -(n + 1);
        if (len > 1 << 24) {
            throw new IOException("correlation state: a string of " + len + " chars, damaged file?");
        }
        char[] c = new char[len];
        for (int i = 0; i < len; i++) {
            c[i] = narrow ? (char) (in.readByte() & 0xff) : in.readChar();
        }
        return new String(c);
    }

    /** A count read from the file, checked against what the writer can have written. */
    static int count(DataInput in, int max) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new IOException("correlation state: count " + n + " out of range 0.." + max + ", damaged file?");
        }
        return n;
    }
}
