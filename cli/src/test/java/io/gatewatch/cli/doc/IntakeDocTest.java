package io.gatewatch.cli.doc;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.cli.Main;
import io.gatewatch.detect.sigma.RuleSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated intake documentation against its golden file, and the committed
 * {@code docs/intake.md} against both. When the parser, its catalog, the fields or the built-in
 * rules change, the document changes with them: regenerate with
 * {@code ./mvnw -o -q -pl cli package -Dtest=IntakeDocTest -Dgatewatch.updateGolden=true}, read the
 * diff, and commit it with the change.
 */
class IntakeDocTest {
    /** Tests run in the module directory. */
    static final Path GOLDEN = Path.of("src/test/resources/io/gatewatch/cli/doc/intake-doc.golden.md");
    static final Path COMMITTED = Path.of("../docs/intake.md");

    private static String generated() {
        RuleSet builtin = RuleSet.builtin();
        assertThat(builtin.errors()).as("built-in rules load").isEmpty();
        return IntakeDoc.generate(builtin);
    }

    @Test
    void generated_matchesGoldenFile() throws Exception {
        String doc = generated();
        if (Boolean.getBoolean("gatewatch.updateGolden")) {
            Files.writeString(GOLDEN, doc, StandardCharsets.UTF_8);
            Files.writeString(COMMITTED, doc, StandardCharsets.UTF_8);
        }
        assertThat(doc).as("generated intake doc vs %s (regenerate: see this test's javadoc)", GOLDEN)
                .isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void committedDoc_isTheGeneratedOne() throws Exception {
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8)).as("docs/intake.md is stale: regenerate it")
                .isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void generated_isDeterministic() {
        assertThat(generated()).isEqualTo(generated());
    }

    @Test
    void everyParserField_hasADescription() {
        assertThat(FieldTable.rows()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.description()).as("description of %s in ecs-fields.properties", r.path())
                        .isNotBlank());
    }

    @Test
    void storeFields_areNotListedAsExtracted() {
        assertThat(FieldTable.rows()).extracting(FieldTable.Row::path)
                .contains("source.ip", "event.code", "user.name")
                .doesNotContain("event.id", "event.ingested", "gatewatch.intake");
    }

    @Test
    void samples_areParsedInTheirFormat() {
        assertThat(SampleEvents.parsed()).extracting(SampleEvents.Sample::format)
                .contains("welf", "standard", "json");
    }

    @Test
    void docIntakeCommand_writesTheDocument(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("intake.md");

        int exit = Main.run("doc", "intake", "-o", out.toString());

        assertThat(exit).isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(generated());
    }
}
