package io.gatewatch.server.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retro-hunt lines are for old events: they must not move back how far live alerts were written. */
class RetroHuntLinesTest {
    @TempDir
    Path data;

    private long recover(String content) throws Exception {
        Path file = data.resolve("alerts.jsonl");
        Files.writeString(file, content);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return DetectionStage.recover(ch);
        }
    }

    private static String retro(long offset) {
        return "{\"alert_id\":\"x\",\"retrohunt\":true,\"event_offset\":" + offset + ",\"rule_id\":\"r\"}\n";
    }

    @Test
    void theLastLiveLineIsFoundBehindRetroHuntLines() throws Exception {
        String live = "{\"alert_id\":\"a\",\"event_offset\":12,\"rule_id\":\"r\"}\n";
        assertThat(recover(live + retro(3) + retro(5))).isEqualTo(12);
        assertThat(recover(live + retro(3) + "{\"alert_id\":\"c\",\"retro")).isEqualTo(12);
        assertThat(recover(retro(3) + retro(5))).isEqualTo(-1);
    }

    @Test
    void theTailIsWidenedWhenItHoldsRetroHuntLinesOnly() throws Exception {
        StringBuilder b = new StringBuilder("{\"alert_id\":\"a\",\"event_offset\":12,\"rule_id\":\"r\"}\n");
        while (b.length() < 3 << 20) {
            b.append(retro(4));
        }
        assertThat(recover(b.toString())).isEqualTo(12);
    }
}
