package io.gatewatch.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumerOffsetsTest {
    @TempDir
    Path dir;

    @Test
    void commitsSurviveAReopen_andUnknownConsumersGetTheFallback() throws IOException {
        ConsumerOffsets offsets = new ConsumerOffsets(dir.resolve("offsets"));
        assertThat(offsets.load("store", 0)).isZero();
        offsets.commit("store", 41);
        offsets.commit("store", 42);
        offsets.commit("detect", 7);
        ConsumerOffsets again = new ConsumerOffsets(dir.resolve("offsets"));
        assertThat(again.load("store", 0)).isEqualTo(42);
        assertThat(again.load("detect", 0)).isEqualTo(7);
        assertThat(again.load("never", 5)).isEqualTo(5);
        try (var files = Files.list(dir.resolve("offsets"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("store.offset", "detect.offset");
        }
    }

    @Test
    void aDamagedOffsetFile_isAnErrorNotAZero() throws IOException {
        ConsumerOffsets offsets = new ConsumerOffsets(dir);
        Files.writeString(dir.resolve("store.offset"), "forty-two");
        assertThatThrownBy(() -> offsets.load("store", 0)).isInstanceOf(IOException.class).hasMessageContaining("not an offset");
    }

    @Test
    void namesAndOffsetsAreChecked() throws IOException {
        ConsumerOffsets offsets = new ConsumerOffsets(dir);
        assertThatThrownBy(() -> offsets.commit("../escape", 1)).hasMessageContaining("consumer names");
        assertThatThrownBy(() -> offsets.commit("store", -1)).hasMessageContaining("negative");
    }
}
