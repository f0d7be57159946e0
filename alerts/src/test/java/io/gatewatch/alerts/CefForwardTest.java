package io.gatewatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.detect.Alert;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New alerts forwarded as CEF syslog lines to a receiver listening on a real socket. */
class CefForwardTest {
    @TempDir
    Path dir;

    @Test
    void newAlerts_areForwardedAsOneCefLineEach() throws Exception {
        try (ServerSocket receiver = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AlertSettings settings = new AlertSettings(Map.of(), Map.of(), 100, 5, AlertSettings.Webhooks.none(),
                    new AlertSettings.Cef("127.0.0.1", receiver.getLocalPort(), false));
            try (AlertStore store = AlertStore.open(dir.resolve("alerts.db"), settings, Clock.systemUTC())) {
                Alert a = new Alert("brute|force", "Brute force = bad\nline", "critical", List.of("attack.t1110", "attack.credential-access"),
                        1_700_000_000_000L, List.of(AlertStoreTest.event("203.0.113.9", null, "victim")),
                        Map.of("user.name", "victim", "source.ip", "203.0.113.9"), "event_count");
                store.ingest(List.of(new RaisedAlert(a, "m0", 0, "vpn")));
                try (Socket s = receiver.accept();
                        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
                    String line = in.readLine();
                    assertThat(line).startsWith("<162>1 ").contains(" gatewatch - alert - CEF:0|gatewatch|gatewatch|1|");
                    assertThat(line).contains("|brute\\|force|Brute force = bad line|9|");
                    assertThat(line).contains(" cs3=T1110").contains(" cat=credential-access").contains(" suser=victim")
                            .contains(" src=203.0.113.9").contains(" cs2=vpn").contains(" cnt=1").contains(" cs1=AL");
                }
            }
        }
    }

    @Test
    void extensionValues_cannotForgeFields() {
        StoredAlert a = new StoredAlert("u", "ALabcdefgh", "t", "r", "t", "low", "x=1 cs1=evil\\", 25,
                new AttackMapping(List.of(), List.of()), null, Map.of(), 0, 0, 1, AlertStatus.PENDING, null, 0, 0);
        assertThat(CefFormat.line(a, "h")).contains(" cs2=x\\=1 cs1\\=evil\\\\").endsWith("outcome=pending");
    }
}
