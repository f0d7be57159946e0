package io.gatewatch.server;

import java.nio.file.Path;
import java.util.List;

/**
 * Detection in {@code serve}: which rules run on every event before it is stored.
 *
 * @param enabled false stores events without evaluating rules
 * @param builtin whether the built-in rule pack is loaded
 * @param ruleDirs more rule directories (Sigma YAML files, searched recursively)
 */
public record DetectSettings(boolean enabled, boolean builtin, List<Path> ruleDirs) {
    public DetectSettings {
        ruleDirs = List.copyOf(ruleDirs);
    }

    public static DetectSettings defaults() {
        return new DetectSettings(true, true, List.of());
    }
}
