package io.gatewatch.core.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the writer wrote, read back, writes the same JSON again. */
class EcsJsonReaderTest {
    @Test
    void everyGoldenEventReadBackIsWrittenAsItWas() throws IOException {
        int events = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("src/test/resources/golden"), "*.ecs.jsonl")) {
            for (Path file : files) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    assertThat(EcsJsonReader.read(line).toJson()).as("%s", file.getFileName()).isEqualTo(line);
                    events++;
                }
            }
        }
        assertThat(events).isGreaterThan(500);
    }

    @Test
    void objectsListsOfObjectsNumbersAndEscapesComeBack() throws IOException {
        Map<String, Object> enrichment = new LinkedHashMap<>();
        enrichment.put("indicator", Map.of("type", "ipv4-addr"));
        enrichment.put("matched", Map.of("atomic", "203.0.113.9", "fields", List.of("source.ip", "related.ip")));
        EcsEvent e = new EcsEvent()
                .setLong(EcsField.TIMESTAMP, 1_700_000_000_123L)
                .set(EcsField.MESSAGE, "quote \" backslash \\ tab \t line \u2028 nul \u0000 astral 𝄞")
                .setLong(EcsField.SOURCE_BYTES, Long.MIN_VALUE)
                .setList(EcsField.EVENT_CATEGORY, List.of("web", "authentication"))
                .putLabel(EcsField.LABELS, "site", "paris")
                .addObject(EcsField.THREAT_ENRICHMENTS, enrichment);
        String json = e.toJson();
        assertThat(EcsJsonReader.read(json).toJson()).isEqualTo(json);
    }

    @Test
    void loneSurrogatesAreWrittenAsTheQuestionMarkTheyReadBackAs() throws IOException {
        for (String text : List.of("a\ud800b", "lone \udc00 in a string longer than the short path")) {
            String json = new EcsEvent().set(EcsField.USER_NAME, text).toJson();
            assertThat(json).as(text).contains(text.replaceAll("[\\ud800-\\udfff]", "?"));
            assertThat(EcsJsonReader.read(json).toJson()).as(text).isEqualTo(json);
        }
    }

    @Test
    void refusesWhatIsNotAnObjectAndSkipsPathsThatAreNoField() throws IOException {
        assertThatThrownBy(() -> EcsJsonReader.read("[1,2]")).isInstanceOf(IOException.class);
        assertThat(EcsJsonReader.read("{\"nope\":{\"deeper\":1},\"user\":{\"name\":\"bob\",\"x\":[1]}}").toJson())
                .isEqualTo("{\"user\":{\"name\":\"bob\"}}");
        assertThatThrownBy(() -> EcsJsonReader.read("{\"a\":" + "{\"b\":".repeat(40) + "1" + "}".repeat(41)))
                .isInstanceOf(IOException.class).hasMessageContaining("nested");
    }
}
