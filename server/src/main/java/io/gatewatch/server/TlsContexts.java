package io.gatewatch.server;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Files;

/** The server's TLS settings: TLS 1.2 and 1.3 only, and client certificates when a client CA is set. */
final class TlsContexts {
    private TlsContexts() {}

    static SslContext server(ServerConfig.Tls tls) throws IOException {
        for (java.nio.file.Path p : new java.nio.file.Path[] {tls.certificateChain(), tls.privateKey(), tls.clientCa()}) {
            if (p != null && !Files.isReadable(p)) {
                throw new IOException("TLS: cannot read " + p);
            }
        }
        try {
            SslContextBuilder b = SslContextBuilder.forServer(tls.certificateChain().toFile(), tls.privateKey().toFile())
                    .protocols("TLSv1.3", "TLSv1.2");
            if (tls.clientCa() != null) {
                b.trustManager(tls.clientCa().toFile()).clientAuth(ClientAuth.REQUIRE);
            }
            return b.build();
        } catch (IllegalArgumentException | javax.net.ssl.SSLException e) {
            throw new IOException("TLS: cannot use " + tls.certificateChain() + " and " + tls.privateKey()
                    + " (PEM certificate chain, PKCS#8 PEM key): " + e.getMessage(), e);
        }
    }
}
