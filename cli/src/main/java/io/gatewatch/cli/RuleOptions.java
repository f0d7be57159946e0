package io.gatewatch.cli;

import io.gatewatch.detect.sigma.BuiltinRules;
import io.gatewatch.detect.sigma.RuleFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where rules come from, for every command that loads them: the built-in pack, directories, placeholders. */
final class RuleOptions {
    @Option(names = "--placeholder", paramLabel = "NAME=VALUE",
            description = "A value of the placeholder %%NAME%% that rules use with the 'expand' modifier; "
                    + "repeat for several values (--placeholder Admins=root --placeholder Admins=admin*).")
    List<String> placeholders = new ArrayList<>();

    /** The placeholders as a map, or an error message naming the bad one. */
    Map<String, List<String>> placeholders() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String p : placeholders) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--placeholder takes NAME=VALUE, not '" + p + "'");
            }
            out.computeIfAbsent(p.substring(0, eq), k -> new ArrayList<>()).add(p.substring(eq + 1));
        }
        return out;
    }

    /** The built-in pack when {@code builtin}, then the files under each directory. */
    static List<RuleFile> files(boolean builtin, List<Path> dirs) throws IOException {
        List<RuleFile> files = new ArrayList<>();
        if (builtin) {
            files.addAll(BuiltinRules.files());
        }
        for (Path dir : dirs) {
            files.addAll(RuleFile.read(dir));
        }
        return files;
    }
}
