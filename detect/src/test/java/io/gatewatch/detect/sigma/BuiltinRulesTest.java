package io.gatewatch.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pack is found in a jar and in a classes directory, and every rule of it passes its examples. */
class BuiltinRulesTest {
    private static final String RULE = "title: t\nid: x\ndetection:\n  s:\n    user.name: a\n  condition: s\n";

    @Test
    void filesAreListedFromAJar(@TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("gatewatch.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("io/gatewatch/detect/rules/", "io/gatewatch/detect/rules/b.yml",
                    "io/gatewatch/detect/rules/a.yml", "io/gatewatch/detect/rules/a.examples.yml",
                    "io/gatewatch/detect/rules/README.md", "io/gatewatch/other/c.yml")) {
                out.putNextEntry(new JarEntry(name));
                if (!name.endsWith("/")) {
                    out.write(RULE.getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        List<RuleFile> files = BuiltinRules.files(jar.toUri().toURL());
        assertThat(files).extracting(RuleFile::name)
                .containsExactly("builtin/a.examples.yml", "builtin/a.yml", "builtin/b.yml");
        assertThat(files.get(1).text()).isEqualTo(RULE);
    }

    @Test
    void filesAreListedFromAClassesDirectory(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("io/gatewatch/detect/rules/sub");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("x.yml"), RULE);
        Files.writeString(dir.getParent().resolve("y.yaml"), RULE);
        assertThat(BuiltinRules.files(tmp.toUri().toURL())).extracting(RuleFile::name)
                .containsExactly("builtin/sub/x.yml", "builtin/y.yaml");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(BuiltinRules.files(empty.toUri().toURL())).isEmpty();
        assertThat(BuiltinRules.files(tmp.resolve("missing.jar").toUri().toURL())).singleElement()
                .satisfies(f -> assertThat(f.problem()).startsWith("cannot read the built-in rules"));
    }

    @Test
    void thePack_loadsWithoutErrors_andEveryRulePassesItsExamples() {
        List<RuleFile> files = BuiltinRules.files();
        RuleSet set = RuleSet.load(files);
        assertThat(set.errors()).isEmpty();
        for (RuleTestResult r : RuleExamples.run(files, set)) {
            assertThat(r.status()).as("%s: %s", r.file(), r.failures()).isEqualTo(RuleTestResult.Status.PASS);
        }
    }

    @Test
    void firstSeenAdminSourceAddress_testsTheCorrelation_withEveryExample() {
        List<RuleFile> files = BuiltinRules.files();
        RuleTestResult r = RuleExamples.run(files, RuleSet.load(files)).stream()
                .filter(x -> x.file().equals("builtin/first-seen-admin-source-address.yml")).findFirst().orElseThrow();
        assertThat(r.ruleIds()).containsExactly("c760f396-852d-415d-a246-fa8f706c363c");
        assertThat(r.status()).as(r.failures().toString()).isEqualTo(RuleTestResult.Status.PASS);
        assertThat(r.positive()).isEqualTo(new RuleTestResult.Count(4, 4));
        assertThat(r.negative()).isEqualTo(new RuleTestResult.Count(5, 5));
    }
}
