package io.gatewatch.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.core.journal.DurableFiles;
import io.gatewatch.store.schema.IpLiterals;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The file by which a running server tells the commands on its data directory where its HTTP API
 * is: {@code DIR/server.json}, {@code {"pid": …, "http": "http://127.0.0.1:8080"}}. Written once
 * the API listens, removed when the server stops. A server killed outright leaves it behind, so
 * it counts only while its process lives.
 *
 * <p>Why: the store on disk holds what was committed (every 10 s by default), the server's own
 * searches what was refreshed (every 250 ms); {@code gatewatch search} on the data directory of a
 * running server asks the server, so that an event just sent is found.
 *
 * <p>The commands send the API token to that address, so only an address of this machine counts,
 * written as an IP literal (no name to look up): a file planted in the data directory cannot send
 * the token elsewhere.
 */
public record RunningServer(long pid, URI http) {
    public static final String FILE = "server.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Records that this process serves {@code dataDir}'s API on {@code host}:{@code port}. */
    static void write(Path dataDir, String host, int port) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("pid", ProcessHandle.current().pid());
        fields.put("http", "http://" + clientHost(host) + ":" + port);
        // Whole or absent, never half-written, for a command reading it meanwhile.
        DurableFiles.replace(dataDir.resolve(FILE), JSON.writeValueAsBytes(fields));
    }

    /** Removes the file if this process wrote it (another server may have taken the directory since). */
    static void remove(Path dataDir) throws IOException {
        Optional<RunningServer> found = read(dataDir.resolve(FILE));
        if (found.isPresent() && found.get().pid() == ProcessHandle.current().pid()) {
            Files.deleteIfExists(dataDir.resolve(FILE));
        }
    }

    /** The server serving {@code dataDir}, if its file is there, its address this machine's and its process alive. */
    public static Optional<RunningServer> find(Path dataDir) {
        return read(dataDir.resolve(FILE))
                .filter(s -> isLocal(s.http().getHost()))
                .filter(s -> ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    /** Whether {@code host} (from a URI: IPv6 in brackets) is an IP literal of this machine. */
    static boolean isLocal(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress address = IpLiterals.parse(literal);
        if (address == null) {
            return false;
        }
        try {
            return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private static Optional<RunningServer> read(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > 4096) {
                return Optional.empty();
            }
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            if (node == null || !node.path("pid").canConvertToLong() || !node.path("http").isTextual()) {
                return Optional.empty();
            }
            URI http = URI.create(node.path("http").asText());
            if (!"http".equals(http.getScheme()) || http.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(new RunningServer(node.path("pid").asLong(), http));
        } catch (IOException | IllegalArgumentException e) {
            // Unreadable or not ours: as if no server ran; the commands then read the directory.
            return Optional.empty();
        }
    }

    /**
     * Where a client on this machine reaches a server listening on {@code host}, as an IP literal:
     * the loopback for a wildcard address. {@code host} is the server's own configured address,
     * which it has just bound, so resolving a name here is no lookup of untrusted text.
     */
    static String clientHost(String host) throws UnknownHostException {
        InetAddress bound = InetAddress.getByName(host == null || host.isEmpty() ? "0.0.0.0" : host);
        InetAddress client = !bound.isAnyLocalAddress() ? bound
                : InetAddress.getByName(bound instanceof Inet6Address ? "::1" : "127.0.0.1");
        String literal = IpLiterals.format(client);
        return client instanceof Inet6Address ? "[" + literal + "]" : literal;
    }
}
