package io.gatewatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatewatch.server.listen.BoundListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path dir;

    private ConfigFile write(String yaml) throws IOException {
        Path f = dir.resolve("gatewatch.yaml");
        Files.writeString(f, yaml);
        return ConfigFile.read(f);
    }

    @Test
    void valuesAreRead_andRelativePathsAreRelativeToTheFile() throws IOException {
        ConfigFile c = write("""
                data: store
                host: 127.0.0.1
                syslog:
                  tcp_port: 1600
                  tls: {port: 6600, cert: pki/server.pem, key: pki/server.key}
                http: {port: -1}
                limits: {max_event_bytes: 10000}
                """);
        assertThat(c.path("data", null)).isEqualTo(dir.resolve("store"));
        assertThat(c.string("host", "0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(c.integer("syslog.tcp_port", 1514)).isEqualTo(1600);
        assertThat(c.integer("syslog.udp_port", 1514)).as("absent: the default").isEqualTo(1514);
        assertThat(c.integer("syslog.tls.port", 6514)).isEqualTo(6600);
        assertThat(c.path("syslog.tls.cert", null)).isEqualTo(dir.resolve("pki/server.pem"));
        assertThat(c.integer("http.port", 8080)).isEqualTo(-1);
        assertThat(c.integer("limits.max_event_bytes", 0)).isEqualTo(10000);
    }

    @Test
    void anEmptyFile_meansEveryDefault() throws IOException {
        assertThat(write("").integer("http.port", 8080)).isEqualTo(8080);
    }

    @Test
    void mistakes_nameTheFileAndTheKey() {
        assertThatThrownBy(() -> write("syslog:\n  tcp_prot: 1\nrelp:\n  prot: 2\n"))
                .hasMessageContaining("gatewatch.yaml").hasMessageContaining("unknown key 'syslog.tcp_prot'")
                .hasMessageContaining("unknown key 'relp.prot'");
        assertThatThrownBy(() -> write("http: {port: eighty}\n").integer("http.port", 8080))
                .hasMessageContaining("'http.port' must be a whole number");
        assertThatThrownBy(() -> write("syslog: 5\n")).hasMessageContaining("'syslog' must be a mapping");
        assertThatThrownBy(() -> write("a: [\n")).hasMessageContaining("not valid YAML");
    }

    @Test
    void listeners_areReadInOrder_andTheirMistakesNamed() throws IOException {
        ConfigFile c = write("""
                listeners:
                  - {protocol: tcp, port: 1515, intake: vpn-eu}
                  - protocol: RELP-TLS
                    port: 2516
                    intake: vpn-us
                """);
        assertThat(c.listeners()).containsExactly(
                new BoundListener(BoundListener.Protocol.TCP, 1515, "vpn-eu"),
                new BoundListener(BoundListener.Protocol.RELP_TLS, 2516, "vpn-us"));
        assertThat(write("").listeners()).isEmpty();
        assertThatThrownBy(() -> write("listeners: [{protocol: sctp, port: 1, intake: a}]\n").listeners())
                .hasMessageContaining("'listeners[0]'").hasMessageContaining("unknown protocol 'sctp'");
        assertThatThrownBy(() -> write("listeners: [{protocol: tcp, port: 1, intake: a}, {protocol: udp, prot: 1}]\n").listeners())
                .hasMessageContaining("unknown key 'listeners[1].prot'");
        assertThatThrownBy(() -> write("listeners: [{protocol: tcp, port: 70000, intake: a}]\n").listeners())
                .hasMessageContaining("port must be 0 to 65535");
        assertThatThrownBy(() -> write("listeners: [{protocol: tcp, port: 1515}]\n").listeners())
                .hasMessageContaining("needs an intake name");
        assertThatThrownBy(() -> write("listeners: {protocol: tcp}\n").listeners())
                .hasMessageContaining("'listeners' must be a list");
    }

    @Test
    void aListenerFlag_isProtocolPortIntake() {
        assertThat(BoundListener.parse("udp:0:lab")).isEqualTo(new BoundListener(BoundListener.Protocol.UDP, 0, "lab"));
        assertThatThrownBy(() -> BoundListener.parse("tcp:1515")).hasMessageContaining("PROTOCOL:PORT:INTAKE");
        assertThatThrownBy(() -> BoundListener.parse("tcp:x:lab")).hasMessageContaining("not a number");
    }
}
