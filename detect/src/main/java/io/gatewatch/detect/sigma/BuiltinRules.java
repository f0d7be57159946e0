package io.gatewatch.detect.sigma;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The rule pack shipped in the jar, under {@value #DIRECTORY}. The class path cannot list a
 * directory, so this looks where this class was loaded from (the jar, or a classes directory in
 * a build) and lists the {@code .yml} files under that directory there: adding a rule is adding a
 * file, with no index to keep up to date.
 */
public final class BuiltinRules {
    static final String DIRECTORY = "io/gatewatch/detect/rules/";
    /** How messages name the pack's files: {@code builtin/brute-force.yml}. */
    static final String PREFIX = "builtin/";

    private BuiltinRules() {}

    /** The pack's rule and examples files, in name order. */
    public static List<RuleFile> files() {
        CodeSource source = BuiltinRules.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return List.of(RuleFile.unreadable(PREFIX, "cannot find where the built-in rules are stored"));
        }
        return files(source.getLocation());
    }

    /** The pack's files in the jar or classes directory at {@code location}. */
    static List<RuleFile> files(URL location) {
        Path root;
        try {
            root = Path.of(location.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return List.of(RuleFile.unreadable(PREFIX, "cannot open " + location + ": " + e.getMessage()));
        }
        try {
            return Files.isDirectory(root) ? fromDirectory(root.resolve(DIRECTORY)) : fromJar(root);
        } catch (IOException e) {
            return List.of(RuleFile.unreadable(PREFIX, "cannot read the built-in rules: " + e.getMessage()));
        }
    }

    private static List<RuleFile> fromDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<RuleFile> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, 8)) {
            for (Path p : walk.filter(p -> RuleFile.isYaml(p.toString()) && Files.isRegularFile(p)).sorted().toList()) {
                String name = PREFIX + dir.relativize(p).toString().replace('\\', '/');
                try (InputStream in = Files.newInputStream(p)) {
                    out.add(RuleFile.of(name, RuleFile.bounded(in)));
                } catch (IOException e) {
                    out.add(RuleFile.unreadable(name, e.getMessage()));
                }
            }
        }
        return out;
    }

    private static List<RuleFile> fromJar(Path jar) throws IOException {
        List<RuleFile> out = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            List<JarEntry> entries = new ArrayList<>();
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(DIRECTORY) && RuleFile.isYaml(entry.getName())) {
                    entries.add(entry);
                }
            }
            entries.sort((a, b) -> a.getName().compareTo(b.getName()));
            for (JarEntry entry : entries) {
                String name = PREFIX + entry.getName().substring(DIRECTORY.length());
                try (InputStream in = file.getInputStream(entry)) {
                    out.add(RuleFile.of(name, RuleFile.bounded(in)));
                } catch (IOException e) {
                    out.add(RuleFile.unreadable(name, e.getMessage()));
                }
            }
        }
        return out;
    }
}
