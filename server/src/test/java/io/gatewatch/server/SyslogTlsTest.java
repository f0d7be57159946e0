package io.gatewatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatewatch.core.journal.JournalRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Syslog over TLS (RFC 5425), with certificates made by the openssl command for each run. */
class SyslogTlsTest {
    @TempDir
    static Path pki;

    @TempDir
    Path data;

    private static void openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(pki.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @BeforeAll
    static void makeCertificates() throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=gatewatch test CA");
        for (String name : new String[] {"server", "client"}) {
            openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", name + ".key");
            openssl("req", "-new", "-key", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
            Files.writeString(pki.resolve(name + ".ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
            openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext");
        }
        openssl("pkcs12", "-export", "-in", "client.pem", "-inkey", "client.key", "-out", "client.p12", "-passout", "pass:test");
    }

    private Server start(boolean mutual) throws Exception {
        ServerConfig.Tls tls = new ServerConfig.Tls(0, pki.resolve("server.pem"), pki.resolve("server.key"),
                mutual ? pki.resolve("ca.pem") : null, 0);
        return Server.start(new ServerConfig(data, "127.0.0.1", -1, -1, -1, -1, tls, 4096, 1024));
    }

    private static SSLContext client(boolean withCertificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pki.resolve("ca.pem"))) {
            trust.setCertificateEntry("ca", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (withCertificate) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(pki.resolve("client.p12"))) {
                keys.load(in, "test".toCharArray());
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "test".toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static void send(SSLContext ctx, int port, String message) throws IOException {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.startHandshake();
            OutputStream out = s.getOutputStream();
            byte[] b = message.getBytes(StandardCharsets.UTF_8);
            out.write((b.length + " ").getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            out.flush();
            // A rejected client certificate shows up on the first read, after TLS 1.3's handshake.
            s.setSoTimeout(500);
            try {
                int r = s.getInputStream().read();
                if (r < 0) {
                    return;
                }
            } catch (java.net.SocketTimeoutException expected) {
                return;
            }
        }
    }

    private static void awaitDurable(Server server, long n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.journal().durableOffset() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.journal().durableOffset()).isGreaterThanOrEqualTo(n);
    }

    @Test
    void eventsOverTls_reachTheJournal_andPlainBytesAreTurnedAway() throws Exception {
        try (Server server = start(false)) {
            // Plain text on the TLS port: the handshake fails, that connection is dropped, nothing stored.
            try (Socket plain = new Socket("127.0.0.1", server.syslogTlsPort())) {
                plain.getOutputStream().write("<13>1 - - - - - - plain text\n".getBytes(StandardCharsets.UTF_8));
                plain.setSoTimeout(5000);
                assertThat(plain.getInputStream().read()).isIn(-1, 21); // closed, or a TLS alert record
            } catch (java.net.SocketException reset) {
                // also a refusal
            }
            send(client(false), server.syslogTlsPort(), "<134>1 2021-10-19T09:10:35+02:00 vpn PulseSecure - - - over tls");
            awaitDurable(server, 1);
            List<JournalRecord> records = server.journal().read(0, 10);
            assertThat(records).hasSize(1);
            assertThat(new String(records.get(0).payload(), StandardCharsets.UTF_8)).endsWith("over tls");
        }
    }

    @Test
    void mutualTls_acceptsOnlyClientsWithACertificateFromTheCa() throws Exception {
        try (Server server = start(true)) {
            assertThatThrownBy(() -> {
                send(client(false), server.syslogTlsPort(), "<13>1 - - - - - - anonymous");
                // TLS 1.3 may report the refusal only on the next write.
                send(client(false), server.syslogTlsPort(), "<13>1 - - - - - - anonymous");
            }).isInstanceOf(IOException.class);
            send(client(true), server.syslogTlsPort(), "<13>1 - - - - - - with a certificate");
            awaitDurable(server, 1);
            assertThat(server.journal().read(0, 10)).extracting(r -> new String(r.payload(), StandardCharsets.UTF_8))
                    .containsExactly("<13>1 - - - - - - with a certificate");
        }
    }

    @Test
    void relpOverTls_acknowledgesOnceOnDisk() throws Exception {
        try (Server server = start(false);
                SSLSocket s = (SSLSocket) client(false).getSocketFactory().createSocket("127.0.0.1", server.relpTlsPort())) {
            s.startHandshake();
            OutputStream out = s.getOutputStream();
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    StandardCharsets.UTF_8));
            out.write("1 open 14 relp_version=0\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).startsWith("1 rsp ").contains("200 OK");
            for (String offer = in.readLine(); offer != null && !offer.startsWith("commands="); offer = in.readLine()) {
                assertThat(offer).contains("="); // the offers, one per line
            }
            String event = "<13>1 - - - - - - over relp and tls";
            out.write(("2 syslog " + event.length() + " " + event + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).isEqualTo("2 rsp 6 200 OK");
            assertThat(server.journal().durableOffset()).isEqualTo(1);
        }
    }

    @Test
    void unusableCertificates_areRefusedAtStart_withTheFiles() throws Exception {
        ServerConfig.Tls wrong = new ServerConfig.Tls(0, pki.resolve("ca.key"), pki.resolve("ca.pem"), null, -1);
        assertThatThrownBy(() -> Server.start(new ServerConfig(data, "127.0.0.1", -1, -1, -1, -1, wrong, 4096, 1024)))
                .isInstanceOf(IOException.class).hasMessageContaining("TLS: cannot use");
    }
}
