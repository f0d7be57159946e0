package io.gatewatch.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gatewatch.server.listen.BoundListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code gatewatch serve --config FILE}: the server's settings in YAML. Every key has a flag of
 * the same meaning (flags win), and a key the server does not know is an error that names it, so
 * that a typo never silently leaves a default in place.
 *
 * <pre>
 * data: ./data
 * host: 0.0.0.0
 * syslog:
 *   tcp_port: 1514        # -1 disables
 *   udp_port: 1514
 *   tls: {port: 6514, cert: server.pem, key: server.key, client_ca: ca.pem}
 * relp: {port: 2514, tls_port: 2515}   # tls_port uses syslog.tls's certificates
 * http: {port: 8080}
 * limits: {max_event_bytes: 256000, queue: 65536, max_connections: 1024}
 * store: {enabled: true, retention_days: 30, retention_by_intake: {lab: 7}, refresh_ms: 250, commit_ms: 10000}
 * journal: {max_gib: 20, max_age_days: 7}
 * detect: {enabled: true, builtin: true, rules: [rules/]}
 * listeners:                            # each bound to one intake, for appliances that send no key
 *   - {protocol: tcp, port: 1515, intake: vpn-eu}
 * </pre>
 */
public final class ConfigFile {
    private static final Map<String, Set<String>> KEYS = Map.of(
            "", Set.of("data", "host", "syslog", "relp", "http", "limits", "store", "journal", "detect", "listeners"),
            "syslog", Set.of("tcp_port", "udp_port", "tls"),
            "syslog.tls", Set.of("port", "cert", "key", "client_ca"),
            "relp", Set.of("port", "tls_port"),
            "http", Set.of("port"),
            "limits", Set.of("max_event_bytes", "queue", "max_connections"),
            // retention_by_intake is a free mapping of intake names to days: not checked by name.
            "store", Set.of("enabled", "retention_days", "retention_by_intake", "refresh_ms", "commit_ms"),
            "journal", Set.of("max_gib", "max_age_days"),
            "detect", Set.of("enabled", "builtin", "rules"));

    private final Path file;
    private final JsonNode root;

    private ConfigFile(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    /**
     * Reads and checks a configuration file.
     *
     * @throws IOException naming the file and the key or the line at fault
     */
    public static ConfigFile read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = new ObjectMapper().createObjectNode();
        }
        List<String> problems = new ArrayList<>();
        check(root, "", problems);
        if (!problems.isEmpty()) {
            throw new IOException(file + ": " + String.join("; ", problems));
        }
        return new ConfigFile(file, root);
    }

    private static void check(JsonNode node, String path, List<String> problems) {
        if (!node.isObject()) {
            problems.add((path.isEmpty() ? "the file" : "'" + path + "'") + " must be a mapping");
            return;
        }
        Set<String> allowed = KEYS.get(path);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String full = path.isEmpty() ? key : path + "." + key;
            if (!allowed.contains(key)) {
                problems.add("unknown key '" + full + "'");
            } else if (KEYS.containsKey(full)) {
                check(node.get(key), full, problems);
            }
        }
    }

    /** The value at a dotted path, or null. */
    private JsonNode at(String dotted) {
        JsonNode n = root;
        for (String part : dotted.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        return n == null || n.isNull() ? null : n;
    }

    public String string(String dotted, String fallback) {
        JsonNode n = at(dotted);
        return n == null ? fallback : n.asText();
    }

    public Path path(String dotted, Path fallback) {
        JsonNode n = at(dotted);
        // Relative paths in the file are relative to the file, not to where the server was started.
        return n == null ? fallback : file.toAbsolutePath().getParent().resolve(n.asText()).normalize();
    }

    /** A list of paths (or one path), relative to the file; empty when absent. */
    public List<Path> paths(String dotted) throws IOException {
        JsonNode n = at(dotted);
        if (n == null) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        for (JsonNode item : n.isArray() ? n : List.of(n)) {
            if (!item.isTextual()) {
                throw new IOException(file + ": '" + dotted + "' must be a path or a list of paths, not " + item);
            }
            out.add(file.toAbsolutePath().getParent().resolve(item.asText()).normalize());
        }
        return out;
    }

    public boolean bool(String dotted, boolean fallback) throws IOException {
        JsonNode n = at(dotted);
        if (n == null) {
            return fallback;
        }
        if (!n.isBoolean()) {
            throw new IOException(file + ": '" + dotted + "' must be true or false, not " + n);
        }
        return n.asBoolean();
    }

    /** A mapping of names to whole numbers (e.g. days per intake); empty when absent. */
    public Map<String, Integer> integers(String dotted) throws IOException {
        JsonNode n = at(dotted);
        if (n == null) {
            return Map.of();
        }
        if (!n.isObject()) {
            throw new IOException(file + ": '" + dotted + "' must be a mapping of names to whole numbers");
        }
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().canConvertToInt()) {
                throw new IOException(file + ": '" + dotted + "." + e.getKey() + "' must be a whole number, not " + e.getValue());
            }
            out.put(e.getKey(), e.getValue().asInt());
        }
        return out;
    }

    /** The {@code listeners} list: each a mapping of {@code protocol}, {@code port} and {@code intake}. */
    public List<BoundListener> listeners() throws IOException {
        JsonNode n = at("listeners");
        if (n == null) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new IOException(file + ": 'listeners' must be a list of {protocol, port, intake}");
        }
        List<BoundListener> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            String where = "listeners[" + i + "]";
            JsonNode item = n.get(i);
            if (!item.isObject()) {
                throw new IOException(file + ": '" + where + "' must be a mapping of protocol, port and intake");
            }
            for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!Set.of("protocol", "port", "intake").contains(key)) {
                    throw new IOException(file + ": unknown key '" + where + "." + key + "'");
                }
            }
            JsonNode port = item.get("port");
            if (port == null || !port.canConvertToInt()) {
                throw new IOException(file + ": '" + where + ".port' must be a whole number");
            }
            try {
                out.add(new BoundListener(BoundListener.Protocol.of(item.path("protocol").asText("")), port.asInt(),
                        item.path("intake").asText(null)));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": '" + where + "': " + e.getMessage());
            }
        }
        return out;
    }

    public int integer(String dotted, int fallback) throws IOException {
        JsonNode n = at(dotted);
        if (n == null) {
            return fallback;
        }
        if (!n.canConvertToInt()) {
            throw new IOException(file + ": '" + dotted + "' must be a whole number, not " + n);
        }
        return n.asInt();
    }
}
