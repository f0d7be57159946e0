package io.gatewatch.bench.store;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The command line of a store bench: {@code --name value} options and value-less flags. Unknown
 * names and options without their value are refused with an {@link IllegalArgumentException},
 * which the mains print above their usage.
 */
final class BenchArgs {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    private BenchArgs() {}

    /** Reads {@code args}: names in {@code valued} take the next argument, names in {@code flagNames} none. */
    static BenchArgs parse(String[] args, Set<String> valued, Set<String> flagNames) {
        BenchArgs parsed = new BenchArgs();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (flagNames.contains(a)) {
                parsed.flags.add(a);
                continue;
            }
            if (!valued.contains(a)) {
                throw new IllegalArgumentException("unknown option " + a);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a);
            }
            parsed.values.put(a, args[++i]);
        }
        return parsed;
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** A whole number; underscores may group its digits ({@code 10_000_000}). */
    long number(String name, long fallback) {
        String v = values.get(name);
        return v == null ? fallback : number(v);
    }

    static long number(String text) {
        return Long.parseLong(text.replace("_", ""));
    }

    /** The working directory, {@code --dir}, which every store bench needs. */
    Path dir() {
        String dir = values.get("--dir");
        if (dir == null) {
            throw new IllegalArgumentException("--dir is required");
        }
        return Path.of(dir);
    }
}
