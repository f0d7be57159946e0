package io.gatewatch.core.pulse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.core.ecs.EcsEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with the reference parser: for each of its test families
 * ({@code src/test/resources/reference/<case>.log}, the reference's own test inputs), every field
 * of the reference's expected output ({@code <case>.expected.json}) has the same value in ours.
 * Extra fields of ours are allowed; {@code related.*} are compared as sets, as the reference's
 * test runner sorts them.
 */
class ReferenceParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of("src/test/resources/reference");

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".log")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyReferenceFieldHasTheReferenceValue(Path log) throws IOException {
        String line = Files.readString(log).strip();
        JsonNode expected = JSON.readTree(DIR.resolve(log.getFileName().toString().replace(".log", ".expected.json")).toFile());
        EcsEvent event = new PulseParser().parse(line);
        JsonNode actual = JSON.readTree(event.toJson());

        List<String> mismatches = new ArrayList<>();
        compare("", expected, actual, mismatches);
        assertThat(mismatches).as("fields that differ from the reference for " + log.getFileName()).isEmpty();
    }

    static void compare(String path, JsonNode expected, JsonNode actual, List<String> mismatches) {
        if (expected.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = expected.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                JsonNode a = actual == null ? null : actual.get(e.getKey());
                if (a == null) {
                    mismatches.add(p + ": missing, expected " + e.getValue());
                } else {
                    compare(p, e.getValue(), a, mismatches);
                }
            }
        } else if (path.startsWith("related.")) {
            if (!sorted(expected).equals(sorted(actual))) {
                mismatches.add(path + ": expected " + expected + ", got " + actual);
            }
        } else if (!expected.equals(actual)) {
            mismatches.add(path + ": expected " + expected + ", got " + actual);
        }
    }

    private static List<String> sorted(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        out.sort(null);
        return out;
    }
}
