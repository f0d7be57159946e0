package io.gatewatch.store.index;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.pulse.PulseParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Lines of the parser's golden corpus with hostile bytes put in at random places, parsed. */
final class MutatedLines {
    static final Path GOLDEN_LINES = Path.of("..", "core", "src", "test", "resources", "golden");

    /**
     * Bytes a hostile or broken sender may put anywhere in a line: quotes, escapes, separators,
     * bad UTF-8, a surrogate encoded as UTF-8 (invalid), a four-byte character, U+FFFD itself.
     */
    private static final byte[][] PIECES = {{'"'}, {'\\'}, {' '}, {'='}, {':'}, {'{'}, {'}'}, {'*'},
            {(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            "𝄞".getBytes(StandardCharsets.UTF_8), "\ufffd".getBytes(StandardCharsets.UTF_8),
            "é".getBytes(StandardCharsets.UTF_8)};

    private MutatedLines() {}

    /** The golden corpus's lines, as bytes. */
    static List<byte[]> golden() throws IOException {
        List<byte[]> lines = new ArrayList<>();
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(GOLDEN_LINES, "*.log")) {
            for (Path log : logs) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        lines.add(line.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return lines;
    }

    /** {@code count} golden lines, each with one to three pieces put in, parsed. */
    static List<EcsEvent> parsed(int count, long seed) throws IOException {
        List<byte[]> golden = golden();
        Random random = new Random(seed);
        PulseParser parser = new PulseParser();
        List<EcsEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] line = golden.get(random.nextInt(golden.size()));
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                byte[] piece = PIECES[random.nextInt(PIECES.length)];
                int at = random.nextInt(line.length + 1);
                byte[] mutated = new byte[line.length + piece.length];
                System.arraycopy(line, 0, mutated, 0, at);
                System.arraycopy(piece, 0, mutated, at, piece.length);
                System.arraycopy(line, at, mutated, at + piece.length, line.length - at);
                line = mutated;
            }
            events.add(parser.parse(line));
        }
        return events;
    }
}
