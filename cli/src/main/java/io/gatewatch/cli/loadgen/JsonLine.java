package io.gatewatch.cli.loadgen;

import io.gatewatch.core.ecs.JsonOutput;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** One flat JSON object of the command's output, built member by member. */
final class JsonLine {
    private final JsonOutput out = new JsonOutput(512);
    private boolean empty = true;
    private int depth;

    JsonLine() {
        out.raw((byte) '{');
    }

    JsonLine text(String name, String value) {
        name(name);
        if (value == null) {
            out.raw(bytes("null"));
        } else {
            out.string(value);
        }
        return this;
    }

    JsonLine number(String name, long value) {
        name(name);
        out.number(value);
        return this;
    }

    /** A number with {@code decimals} digits after the point. */
    JsonLine number(String name, double value, int decimals) {
        name(name);
        out.raw(bytes(String.format(Locale.ROOT, "%." + decimals + "f", value)));
        return this;
    }

    /** Opens a nested object; {@link #end()} closes it. */
    JsonLine object(String name) {
        name(name);
        out.raw((byte) '{');
        empty = true;
        depth++;
        return this;
    }

    JsonLine end() {
        out.raw((byte) '}');
        empty = false;
        depth--;
        return this;
    }

    @Override
    public String toString() {
        if (depth != 0) {
            throw new IllegalStateException("an object is still open");
        }
        return out + "}";
    }

    private void name(String name) {
        if (!empty) {
            out.raw((byte) ',');
        }
        empty = false;
        out.string(name);
        out.raw((byte) ':');
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
