package io.gatewatch.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntakeRegistryTest {
    @TempDir
    Path dir;

    private static Intake intake(String name) {
        return new Intake(name, IntakeRegistry.generateKey(), "auto", "UTC", 1);
    }

    @Test
    void addListRemove_roundTripThroughTheFile() throws IOException {
        IntakeRegistry r = new IntakeRegistry(dir);
        assertThat(r.list()).isEmpty();
        Intake b = r.add(intake("vpn-b"));
        Intake a = r.add(new Intake("vpn-a", "ABCDEFGHIJKLMNOPQRST", "welf", "Europe/Paris", 2));
        assertThat(new IntakeRegistry(dir).list()).containsExactly(a, b);
        assertThat(r.byKey("ABCDEFGHIJKLMNOPQRST")).contains(a);
        assertThat(r.remove("vpn-a")).isTrue();
        assertThat(r.remove("vpn-a")).isFalse();
        assertThat(r.list()).containsExactly(b);
    }

    @Test
    void generatedKeys_are40RandomAlphanumerics() {
        String k1 = IntakeRegistry.generateKey();
        String k2 = IntakeRegistry.generateKey();
        assertThat(k1).hasSize(40).matches("[A-Za-z0-9]{40}");
        assertThat(k1).isNotEqualTo(k2);
    }

    @Test
    void namesAndKeysAreUnique() throws IOException {
        IntakeRegistry r = new IntakeRegistry(dir);
        Intake a = r.add(intake("vpn"));
        assertThatThrownBy(() -> r.add(intake("vpn"))).hasMessageContaining("already exists");
        assertThatThrownBy(() -> r.add(new Intake("other", a.key(), "auto", "UTC", 1)))
                .hasMessageContaining("already belongs to intake 'vpn'");
    }

    @Test
    void badValues_areRefusedWithTheReason() {
        assertThatThrownBy(() -> new Intake("Bad Name", IntakeRegistry.generateKey(), null, null, 0))
                .hasMessageContaining("intake names");
        assertThatThrownBy(() -> new Intake("ok", "short", null, null, 0)).hasMessageContaining("intake keys");
        assertThatThrownBy(() -> new Intake("ok", IntakeRegistry.generateKey(), "cef", null, 0)).hasMessageContaining("format");
        assertThatThrownBy(() -> new Intake("ok", IntakeRegistry.generateKey(), null, "Mars/Olympus", 0))
                .hasMessageContaining("unknown time zone");
    }

    @Test
    void aDamagedFile_isAnErrorNamingIt() throws IOException {
        Files.writeString(dir.resolve(IntakeRegistry.FILE), "{\"version\":1,\"intakes\":[{\"name\":\"x\"}]}");
        assertThatThrownBy(() -> new IntakeRegistry(dir).list()).isInstanceOf(IOException.class)
                .hasMessageContaining(IntakeRegistry.FILE);
        Files.writeString(dir.resolve(IntakeRegistry.FILE), "{\"version\":9,\"intakes\":[]}");
        assertThatThrownBy(() -> new IntakeRegistry(dir).list()).hasMessageContaining("format version 9");
    }

    @Test
    void concurrentAdds_loseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Intake>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String name = "intake-" + i;
                futures.add(pool.submit(() -> new IntakeRegistry(dir).add(intake(name))));
            }
            for (Future<Intake> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(new IntakeRegistry(dir).list()).hasSize(40);
    }
}
