package io.gatewatch.core.pulse;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The parser's contract under hostile input: it never throws, always returns an event, always
 * keeps the line, and emits JSON that parses.
 */
class PulseParserFuzzTest {
    private final PulseParser parser = new PulseParser();

    private static void assertKept(byte[] line, EcsEvent e) {
        assertThat(e).isNotNull();
        if (!new String(line, StandardCharsets.UTF_8).replace('\u0000', ' ').isBlank()) {
            assertThat(e.has(EcsField.MESSAGE)).as("message kept for %s", new String(line, StandardCharsets.UTF_8)).isTrue();
        }
        String json = e.toJson();
        assertThat(json).startsWith("{").endsWith("}");
    }

    @Property(tries = 3000)
    void randomBytes_neverThrow(@ForAll @Size(max = 600) byte[] bytes) {
        assertKept(bytes, parser.parse(bytes));
    }

    @Property(tries = 2000)
    void randomText_neverThrows(@ForAll @Size(max = 400) String text) {
        assertKept(text.getBytes(StandardCharsets.UTF_8), parser.parse(text));
    }

    /** Mutations of real lines (bit flips, cuts, splices, inserted quotes) from the golden corpus. */
    @Test
    void mutatedRealLines_neverThrowAndStayValidJson() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        try (var files = Files.list(Path.of("src/test/resources/golden"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                seeds.addAll(GoldenTest.lines(p));
            }
        }
        assertThat(seeds).hasSizeGreaterThan(100);
        Random random = new Random(20261123);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        byte[] specials = "\"\\=[]{}<>: \t\r\n'%\u0000".getBytes(StandardCharsets.ISO_8859_1);
        for (int round = 0; round < 20_000; round++) {
            byte[] line = seeds.get(random.nextInt(seeds.size())).clone();
            int edits = 1 + random.nextInt(4);
            for (int k = 0; k < edits && line.length > 0; k++) {
                int pos = random.nextInt(line.length);
                switch (random.nextInt(4)) {
                    case 0 -> line[pos] = (byte) random.nextInt(256);
                    case 1 -> line[pos] = specials[random.nextInt(specials.length)];
                    case 2 -> line = java.util.Arrays.copyOf(line, pos);
                    default -> {
                        byte[] other = seeds.get(random.nextInt(seeds.size()));
                        int from = random.nextInt(other.length);
                        byte[] spliced = new byte[pos + other.length - from];
                        System.arraycopy(line, 0, spliced, 0, pos);
                        System.arraycopy(other, from, spliced, pos, other.length - from);
                        line = spliced;
                    }
                }
            }
            EcsEvent e = parser.parse(line);
            assertKept(line, e);
            json.readTree(e.toJson());
        }
    }

    @Test
    void hugeLines_areCutAndTagged() {
        String line = "id=firewall user=bob msg=\"AUT22673: Logout from 10.0.0.1 " + "x".repeat(PulseParser.MAX_LINE_BYTES) + "\"";
        EcsEvent e = parser.parse(line);
        assertThat(e.getList(EcsField.TAGS)).contains(PulseParser.TAG_TRUNCATED);
        assertThat(e.getString(EcsField.USER_NAME)).isEqualTo("bob");
    }

    @Test
    void unknownFormats_areKeptFlaggedAndExplained() {
        EcsEvent e = parser.parse("<13>Oct  9 09:10:35 host app: this is not a pulse log line");
        assertThat(PulseParser.isUnparsed(e)).isTrue();
        assertThat(e.getString(EcsField.MESSAGE)).isEqualTo("this is not a pulse log line");
        assertThat(e.getString(EcsField.ERROR_MESSAGE)).startsWith("unrecognised log format");
        assertThat(e.getString(EcsField.EVENT_KIND)).isEqualTo("pipeline_error");
        assertThat(e.getString(EcsField.LOG_SYSLOG_HOSTNAME)).isEqualTo("host");
    }

    @Test
    void emptyAndBlankLines_areKeptAsUnparsed() {
        assertThat(PulseParser.isUnparsed(parser.parse(""))).isTrue();
        assertThat(PulseParser.isUnparsed(parser.parse(" \r\n"))).isTrue();
    }
}
