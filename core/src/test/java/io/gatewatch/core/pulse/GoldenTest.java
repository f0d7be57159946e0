package io.gatewatch.core.pulse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.core.ecs.EcsEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: every line of {@code src/test/resources/golden/<case>.log} gives exactly the
 * event on the same line of {@code <case>.ecs.jsonl}. New field bugs arrive as new lines.
 *
 * <p>After a deliberate change of output, regenerate with
 * {@code ./mvnw -pl core test -Dtest=GoldenTest -Dgolden.update=true} and review the diff.
 */
class GoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of("src/test/resources/golden");

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".log")).sorted().toList().stream();
        }
    }

    /** Lines as the CLI sees them: split on LF only, blank lines skipped. */
    static List<byte[]> lines(Path log) throws IOException {
        byte[] all = Files.readAllBytes(log);
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= all.length; i++) {
            if (i == all.length || all[i] == '\n') {
                byte[] line = java.util.Arrays.copyOfRange(all, start, i);
                if (!new String(line, StandardCharsets.UTF_8).isBlank()) {
                    out.add(line);
                }
                start = i + 1;
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyLineGivesItsGoldenEvent(Path log) throws IOException {
        PulseParser parser = new PulseParser();
        List<String> actual = new ArrayList<>();
        for (byte[] line : lines(log)) {
            EcsEvent e = parser.parse(line);
            actual.add(e.toJson());
        }
        Path golden = DIR.resolve(log.getFileName().toString().replace(".log", ".ecs.jsonl"));
        if (Boolean.getBoolean("golden.update")) {
            Files.write(golden, actual, StandardCharsets.UTF_8);
        }
        List<String> expected = Files.readAllLines(golden, StandardCharsets.UTF_8);
        assertThat(actual).as("one event per line").hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(JSON.readTree(actual.get(i)))
                    .as("%s line %d", log.getFileName(), i + 1)
                    .isEqualTo(JSON.readTree(expected.get(i)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void goldenEventsKeepTheirLineAndNeverLoseIt(Path log) throws IOException {
        PulseParser parser = new PulseParser();
        for (byte[] line : lines(log)) {
            JsonNode e = JSON.readTree(parser.parse(line).toJson());
            assertThat(e.path("message").asText()).as("message of %s", new String(line, StandardCharsets.UTF_8))
                    .isNotEmpty();
        }
    }
}
