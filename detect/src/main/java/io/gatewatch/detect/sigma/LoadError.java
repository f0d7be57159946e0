package io.gatewatch.detect.sigma;

import java.util.Objects;

/**
 * A rule (or a file) that did not load: which file, which line (1-based), and why.
 *
 * @param file the file name as given to the loader ({@code rules/brute-force.yml})
 * @param line the line of the offending key or value; 1 when the whole file is at fault
 * @param reason what is wrong, for people
 */
public record LoadError(String file, int line, String reason) {
    public LoadError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
