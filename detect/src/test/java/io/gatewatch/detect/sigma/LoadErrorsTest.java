package io.gatewatch.detect.sigma;

import static io.gatewatch.detect.sigma.TestRules.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rule that cannot load gets an error naming the file, the line and the reason; the other
 * rules, in the same file and in others, still load.
 */
class LoadErrorsTest {
    private static final String GOOD = """
            title: good
            id: good-1
            detection:
              sel:
                event.code: ADM20599
              condition: sel
            """;

    private static RuleSet load(String... nameThenText) {
        List<RuleFile> files = new java.util.ArrayList<>();
        for (int i = 0; i < nameThenText.length; i += 2) {
            files.add(RuleFile.of(nameThenText[i], nameThenText[i + 1]));
        }
        return RuleSet.load(files, Map.of());
    }

    private static List<String> errors(RuleSet set) {
        return set.errors().stream().map(LoadError::toString).toList();
    }

    @Test
    void aBadDocument_inAMultiDocumentFile_leavesTheOthersLoaded() {
        RuleSet set = load("rules/multi.yml", GOOD + """
                ---
                title: broken
                id: broken-1
                detection:
                  sel:
                    EventID: 4624
                  condition: sel
                ---
                title: also good
                id: good-2
                detection:
                  sel:
                    event.code: ADM20601
                  condition: sel
                """);
        assertThat(errors(set)).containsExactly(
                "rules/multi.yml:12: unknown field 'EventID': not an ECS field of these events");
        assertThat(set.rules()).extracting(SigmaRule::id).containsExactly("good-1", "good-2");
        assertThat(set.rules().get(1).line()).isEqualTo(15);
        assertThat(set.newDetector().evaluate(event("event.code", "ADM20601"))).hasSize(1);
    }

    @Test
    void aYamlSyntaxError_namesItsLine_andDocumentsBeforeItLoad() {
        RuleSet set = load("bad.yml", GOOD + """
                ---
                title: [unclosed
                id: x
                """);
        assertThat(set.errors()).hasSize(1);
        assertThat(set.errors().getFirst().file()).isEqualTo("bad.yml");
        assertThat(set.errors().getFirst().line()).isBetween(8, 10);
        assertThat(set.errors().getFirst().reason()).startsWith("YAML: ");
        assertThat(set.rules()).extracting(SigmaRule::id).containsExactly("good-1");
    }

    @Test
    void errorsInOneFile_doNotStopOtherFiles() {
        RuleSet set = load("a.yml", "title: t\n", "b.yml", GOOD);
        assertThat(errors(set)).containsExactly("a.yml:1: neither a rule ('detection') nor a correlation ('correlation')");
        assertThat(set.rules()).hasSize(1);
    }

    @Test
    void requiredKeys_andTheirTypes() {
        assertThat(errors(load("r.yml", "id: x\ndetection:\n  sel:\n    user.name: a\n  condition: sel\n")))
                .containsExactly("r.yml:1: missing 'title'");
        assertThat(errors(load("r.yml", "title: t\ndetection:\n  sel:\n    user.name: a\n  condition: sel\n")))
                .containsExactly("r.yml:1: missing 'id' (a stable identifier, such as a UUID)");
        assertThat(errors(load("r.yml", "title: t\nid: x\nlevel: urgent\ndetection:\n  sel:\n    user.name: a\n"
                + "  condition: sel\n")))
                .containsExactly("r.yml:3: level 'urgent': expected one of [informational, low, medium, high, critical]");
        assertThat(errors(load("r.yml", "title: t\nid: x\ndetection: [a]\n")))
                .containsExactly("r.yml:3: 'detection' must be a map of search identifiers and a condition");
        assertThat(errors(load("r.yml", "- a\n- b\n")))
                .containsExactly("r.yml:1: a rule document must be a map, not a list");
    }

    @Test
    void duplicateIds_acrossFiles_keepTheFirst() {
        RuleSet set = load("a.yml", GOOD, "b.yml", GOOD);
        assertThat(errors(set)).containsExactly("b.yml:1: duplicate id 'good-1' (first at a.yml:1)");
        assertThat(set.rules()).hasSize(1);
    }

    @Test
    void duplicateKeys_areErrors() {
        assertThat(errors(load("r.yml", GOOD + "title: again\n")))
                .containsExactly("r.yml:7: duplicate key 'title'");
    }

    @Test
    void yamlAliases_areRefused() {
        RuleSet set = load("r.yml", """
                title: t
                id: x
                detection:
                  sel:
                    user.name: &who admin
                  other:
                    user.target.name: *who
                  condition: sel or other
                """);
        assertThat(errors(set)).containsExactly("r.yml:7: YAML aliases (*who) are not supported in rules");
    }

    @Test
    void deepNesting_isRefused() {
        String deep = "a: ".repeat(1) + "[".repeat(60) + "]".repeat(60) + "\n";
        RuleSet set = load("r.yml", deep);
        assertThat(set.errors()).hasSize(1);
        assertThat(set.errors().getFirst().reason()).contains("nest");
    }

    @Test
    void tooLargeFiles_areRefused_withoutLoadingThem() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("rules");
        try {
            java.nio.file.Files.writeString(dir.resolve("big.yml"), "# " + "x".repeat(Limits.MAX_FILE_BYTES));
            java.nio.file.Files.writeString(dir.resolve("good.yml"), GOOD);
            RuleSet set = RuleSet.load(RuleFile.read(dir));
            assertThat(errors(set)).containsExactly(dir.resolve("big.yml") + ":1: larger than 1024 KiB");
            assertThat(set.rules()).hasSize(1);
        } finally {
            try (var walk = java.nio.file.Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void tooManyValues_inOneRule_areRefused() {
        StringBuilder sb = new StringBuilder("title: t\nid: x\ndetection:\n  sel:\n    user.name:\n");
        for (int i = 0; i <= Limits.MAX_VALUES_PER_RULE; i++) {
            sb.append("      - u").append(i).append('\n');
        }
        sb.append("  condition: sel\n");
        assertThat(errors(load("r.yml", sb.toString()))).singleElement().asString()
                .contains("more than 10000 values in one rule");
    }

    @Test
    void aConditionRepeatingABigSelection_isBounded() {
        StringBuilder sb = new StringBuilder("title: t\nid: x\ndetection:\n  sel:\n    user.name:\n");
        for (int i = 0; i < 5000; i++) {
            sb.append("      - u").append(i).append('\n');
        }
        sb.append("  condition: ").append("sel or ".repeat(40)).append("sel\n");
        assertThat(errors(load("r.yml", sb.toString()))).singleElement().asString()
                .contains("the condition stands for more than 100000 tests");
    }

    @Test
    void windashExpansion_isBounded() {
        assertThat(errors(load("r.yml", """
                title: t
                id: x
                detection:
                  sel:
                    url.query|windash: ' -a -b -c -d -e'
                  condition: sel
                """))).singleElement().asString().contains("windash: more than 1000 variants");
    }

    @Test
    void sigmaFilters_areNotSupported_andSaySo() {
        assertThat(errors(load("f.yml", """
                title: f
                filter:
                  rules: [x]
                """))).containsExactly("f.yml:1: Sigma filter documents are not supported: add the exclusion to the "
                + "rule's condition");
    }

    @Test
    void correlationDocuments_goToTheCorrelationParser_andItsErrorsKeepTheirLine() {
        RuleSet set = load("c.yml", GOOD + """
                ---
                title: bad correlation
                id: corr-1
                correlation:
                  type: no_such_type
                  rules: [good-1]
                  timespan: 1h
                """);
        assertThat(set.errors()).hasSize(1);
        LoadError e = set.errors().getFirst();
        assertThat(e.file()).isEqualTo("c.yml");
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.reason()).doesNotStartWith("c.yml");
        assertThat(set.rules()).hasSize(1);
    }

    @Test
    void valueFirstSeenErrors_nameTheFileAndTheLineOfTheirDocument() {
        String firstSeen = """
                ---
                title: new admin address
                id: fs-1
                correlation:
                  type: value_first_seen
                  rules: [good-1]
                  timespan: 30d
                  learning: %s
                  condition:
                    field: %s
                """;
        RuleSet set = load("fs.yml", GOOD + firstSeen.formatted("7d", "source.ip") + firstSeen.replace("fs-1", "fs-2")
                .formatted("a week", "source.ip") + firstSeen.replace("fs-1", "fs-3").formatted("7d", "[]"));
        assertThat(errors(set)).containsExactly(
                "fs.yml:18: correlation.learning 'a week' is not a whole number followed by s, m, h or d "
                        + "(e.g. 30s, 15m, 1h, 1d)",
                "fs.yml:28: correlation.condition.field must be a field name");
        assertThat(set.correlations()).extracting(c -> c.id()).containsExactly("fs-1");
        assertThat(set.correlations().getFirst().learningMillis()).isEqualTo(7 * 86_400_000L);
    }

    @Test
    void theReferencePlatformsDialect_isRead() {
        RuleSet set = load("sekoia.yml", """
                version: 2.0
                uuid: 3a5c9c53-9d2f-4d0e-9a3d-1b2c3d4e5f60
                rule: Known ransomware operator account
                description: RYUK
                effort: elementary
                alert_severity: 80
                alert_category: malicious-code
                attack: [T1078, T1078.002]
                detection:
                  selection:
                    user.name: martinstevens
                  condition: selection
                """);
        assertThat(set.errors()).isEmpty();
        SigmaRule r = set.rules().getFirst();
        assertThat(r.id()).isEqualTo("3a5c9c53-9d2f-4d0e-9a3d-1b2c3d4e5f60");
        assertThat(r.title()).isEqualTo("Known ransomware operator account");
        assertThat(r.level()).isEqualTo("critical");
        assertThat(r.effort()).isEqualTo("elementary");
        assertThat(r.tags()).containsExactly("attack.t1078", "attack.t1078.002");
    }

    @Test
    void sekoiaEnrichmentFields_areAccepted_andNeverPresent() {
        RuleSet set = load("s.yml", """
                title: t
                id: x
                detection:
                  sel:
                    sekoiaio.any_tag|contains: dynamic-dns
                  condition: sel
                """);
        assertThat(set.errors()).isEmpty();
        assertThat(set.newDetector().evaluate(event("message", "dynamic-dns"))).isEmpty();
    }

    @Test
    void anUnreadableDirectory_throws_butAnUnreadableFileIsAnError() {
        assertThat(errors(RuleSet.load(List.of(RuleFile.unreadable("x.yml", "cannot read: denied")))))
                .containsExactly("x.yml:1: cannot read: denied");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RuleFile.read(java.nio.file.Path.of("/no/such/dir")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
}
