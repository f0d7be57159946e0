package io.gatewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.detect.attack.AttackCoverage;
import io.gatewatch.detect.attack.NavigatorLayer;
import io.gatewatch.detect.sigma.RuleSet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gatewatch attack-layer}: the layer of the built-in pack, of given rules, on stdout or in a file. */
class AttackLayerCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = """
            title: Log cleared
            id: log-cleared
            level: high
            tags: [attack.defense-evasion, attack.t1070.001]
            detection:
              sel:
                event.code: ADM20599
              condition: sel
            """;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AttackLayerCommand command = new AttackLayerCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit = new CommandLine(command).execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> ids(JsonNode layer) {
        List<String> ids = new ArrayList<>();
        layer.path("techniques").forEach(t -> ids.add(t.path("techniqueID").asText()));
        return ids;
    }

    @Test
    void builtin_printsTheLayerOfThePack() {
        Run r = run();

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(NavigatorLayer.json(AttackCoverage.of(RuleSet.builtin()),
                "gatewatch detection coverage"));
    }

    @Test
    void rulesWithoutBuiltin_toAFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("log-cleared.yml"), RULE);
        Path out = dir.resolve("layer.json");

        int exit = Main.run("attack-layer", "--no-builtin", "--rules", dir.toString(), "-o", out.toString());

        assertThat(exit).isZero();
        JsonNode layer = JSON.readTree(Files.readString(out));
        assertThat(layer.path("versions").path("layer").asText()).isEqualTo("4.5");
        assertThat(ids(layer)).containsExactly("T1070", "T1070.001");
        assertThat(layer.path("techniques").get(0).path("comment").asText()).startsWith("1 rule: Log cleared.");
    }

    @Test
    void brokenRule_isReported_andLeftOut(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ok.yml"), RULE);
        Files.writeString(dir.resolve("broken.yml"), "title: broken\nid: b\ndetection:\n  condition: nothing\n");

        Run r = run("--no-builtin", "--rules", dir.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("broken.yml");
        assertThat(ids(JSON.readTree(r.out()))).containsExactly("T1070", "T1070.001");
    }

    @Test
    void missingRulesDirectory_isABadOption(@TempDir Path dir) {
        Run r = run("--rules", dir.resolve("none").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no such file or directory");
    }
}
