package io.gatewatch.detect.sigma;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The text of one rule or examples file, or why it could not be read (too large, unreadable):
 * an unreadable file is reported by the loader like a broken rule, and does not stop the others.
 *
 * @param name how messages name the file ({@code rules/brute-force.yml}, {@code builtin/...})
 * @param text its content; null when unreadable
 * @param problem why it is unreadable; null when read
 */
public record RuleFile(String name, String text, String problem) {
    public RuleFile {
        if ((text == null) == (problem == null)) {
            throw new IllegalArgumentException("a rule file has either text or a problem");
        }
    }

    public static RuleFile of(String name, String text) {
        return new RuleFile(name, text, null);
    }

    static RuleFile unreadable(String name, String problem) {
        return new RuleFile(name, null, problem);
    }

    /** Suffix of the file of examples kept beside a rule file {@code x.yml}: {@code x.examples.yml}. */
    public static final String EXAMPLES = ".examples";

    /** Whether this is an examples file rather than a rule file. */
    public boolean isExamples() {
        return base(name).endsWith(EXAMPLES);
    }

    /** The name without its {@code .yml}/{@code .yaml} extension. */
    static String base(String name) {
        return name.endsWith(".yaml") ? name.substring(0, name.length() - 5)
                : name.endsWith(".yml") ? name.substring(0, name.length() - 4) : name;
    }

    static boolean isYaml(String name) {
        return name.endsWith(".yml") || name.endsWith(".yaml");
    }

    /**
     * Every {@code .yml}/{@code .yaml} file under {@code dir} (subdirectories too), rule and
     * examples files, in path order; a single file may be given instead of a directory.
     *
     * @throws IOException when {@code dir} itself cannot be listed
     */
    public static List<RuleFile> read(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such file or directory");
        }
        if (Files.isRegularFile(dir)) {
            return List.of(read(dir, dir.toString()));
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir, 16, new FileVisitOption[0])) {
            paths = walk.filter(p -> isYaml(p.getFileName().toString()) && Files.isRegularFile(p))
                    .sorted().limit(Limits.MAX_FILES + 1L).toList();
        }
        List<RuleFile> out = new ArrayList<>();
        for (Path p : paths) {
            if (out.size() == Limits.MAX_FILES) {
                out.add(unreadable(dir.toString(), "more than " + Limits.MAX_FILES + " rule files; the rest are ignored"));
                break;
            }
            out.add(read(p, p.toString()));
        }
        return out;
    }

    private static RuleFile read(Path p, String name) {
        try (InputStream in = Files.newInputStream(p)) {
            return of(name, bounded(in));
        } catch (TooLarge e) {
            return unreadable(name, e.getMessage());
        } catch (IOException e) {
            return unreadable(name, "cannot read: " + e.getMessage());
        }
    }

    /** Reads at most the file limit; a larger file is refused without being read to its end. */
    static String bounded(InputStream in) throws IOException {
        byte[] b = in.readNBytes(Limits.MAX_FILE_BYTES + 1);
        if (b.length > Limits.MAX_FILE_BYTES) {
            throw new TooLarge();
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    static final class TooLarge extends IOException {
        TooLarge() {
            super("larger than " + Limits.MAX_FILE_BYTES / 1024 + " KiB", null);
        }
    }
}
