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
 * store: {enabled: true, retention_days: 30, retention_by_intake: {lab: 7}, refresh_ms: 250, commit_ms: 10000, index_threads: 1}
 * journal: {max_gib: 20, max_age_days: 7}
 * detect: {enabled: true, builtin: true, rules: [rules/]}
 * listeners:                            # each bound to one intake, for appliances that send no key
 *   - {protocol: tcp, port: 1515, intake: vpn-eu}
 * cti:
 *   feeds:                # TAXII 2.1 collections polled into sources
 *     - {source: acme, api_root: https://taxii.example/api1/, collection: 91a7b528-..., interval: PT15M,
 *        user: analyst, password_env: TAXII_PW}
 * </pre>
 *
 * <p>Items of a list of mappings are named by their index: {@code cti.feeds[0].interval}.
 */
public final class ConfigFile {
    /** The keys of each mapping; a path ending in {@code []} names the items of a list of mappings. */
    private static final Map<String, Set<String>> KEYS = Map.ofEntries(
            Map.entry("", Set.of("data", "host", "syslog", "relp", "http", "limits", "store", "journal", "detect", "cti", "listeners")),
            Map.entry("syslog", Set.of("tcp_port", "udp_port", "tls")),
            Map.entry("syslog.tls", Set.of("port", "cert", "key", "client_ca")),
            Map.entry("relp", Set.of("port", "tls_port")),
            Map.entry("http", Set.of("port")),
            Map.entry("limits", Set.of("max_event_bytes", "queue", "max_connections")),
            // retention_by_intake is a free mapping of intake names to days: not checked by name.
            Map.entry("store", Set.of("enabled", "retention_days", "retention_by_intake", "refresh_ms", "commit_ms",
                    "index_threads")),
            Map.entry("journal", Set.of("max_gib", "max_age_days")),
            Map.entry("detect", Set.of("enabled", "builtin", "rules")),
            Map.entry("cti", Set.of("feeds")),
            Map.entry("cti.feeds[]", Set.of("source", "api_root", "discovery", "collection", "interval", "user",
                    "password_env", "token_env")),
            Map.entry("listeners[]", Set.of("protocol", "port", "intake")));
    private static final java.util.regex.Pattern INDEXED = java.util.regex.Pattern.compile("(.+)\\[(\\d+)]");

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
        check(root, "", "", problems);
        if (!problems.isEmpty()) {
            throw new IOException(file + ": " + String.join("; ", problems));
        }
        return new ConfigFile(file, root);
    }

    /** Checks {@code node}, shown as {@code path}, against the keys of {@code schema}. */
    private static void check(JsonNode node, String path, String schema, List<String> problems) {
        if (!node.isObject()) {
            problems.add((path.isEmpty() ? "the file" : "'" + path + "'") + " must be a mapping");
            return;
        }
        Set<String> allowed = KEYS.get(schema);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String full = path.isEmpty() ? key : path + "." + key;
            String fullSchema = schema.isEmpty() ? key : schema + "." + key;
            JsonNode value = node.get(key);
            if (!allowed.contains(key)) {
                problems.add("unknown key '" + full + "'");
            } else if (KEYS.containsKey(fullSchema)) {
                check(value, full, fullSchema, problems);
            } else if (KEYS.containsKey(fullSchema + "[]") && !value.isNull()) {
                if (!value.isArray()) {
                    problems.add("'" + full + "' must be a list");
                    continue;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), full + "[" + i + "]", fullSchema + "[]", problems);
                }
            }
        }
    }

    /** The value at a dotted path, whose parts may be list items ({@code feeds[0]}), or null. */
    private JsonNode at(String dotted) {
        JsonNode n = root;
        for (String part : dotted.split("\\.")) {
            java.util.regex.Matcher item = INDEXED.matcher(part);
            if (item.matches()) {
                n = n == null ? null : n.get(item.group(1));
                n = n == null ? null : n.get(Integer.parseInt(item.group(2)));
            } else {
                n = n == null ? null : n.get(part);
            }
        }
        return n == null || n.isNull() ? null : n;
    }

    /** The number of items of the list at a dotted path; 0 when absent. */
    public int size(String dotted) {
        JsonNode n = at(dotted);
        return n == null ? 0 : n.size();
    }

    /**
     * An error about the value at a dotted path, naming the file and the key as the other checks
     * do: {@code problem("a.b", "must be ...")} reads {@code FILE: 'a.b' must be ...}.
     */
    public IOException problem(String dotted, String message) {
        return new IOException(file + ": '" + dotted + "'" + (message.startsWith(":") ? "" : " ") + message);
    }

    /** Text that is not empty, or null when absent. */
    public String text(String dotted) throws IOException {
        JsonNode n = at(dotted);
        if (n == null) {
            return null;
        }
        if (!n.isValueNode() || n.asText().isBlank()) {
            throw problem(dotted, "must be a non-empty text, not " + n);
        }
        return n.asText();
    }

    /** Text that must be there and not empty. */
    public String requiredText(String dotted) throws IOException {
        String t = text(dotted);
        if (t == null) {
            throw problem(dotted, "is missing");
        }
        return t;
    }

    /** An ISO-8601 duration such as {@code PT15M}. */
    public java.time.Duration duration(String dotted, java.time.Duration fallback) throws IOException {
        JsonNode n = at(dotted);
        if (n == null) {
            return fallback;
        }
        try {
            return java.time.Duration.parse(n.asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw problem(dotted, "must be an ISO-8601 duration such as PT15M, not " + n);
        }
    }

    /** An absolute http or https URL, or null when absent. */
    public java.net.URI url(String dotted) throws IOException {
        JsonNode n = at(dotted);
        if (n == null) {
            return null;
        }
        try {
            java.net.URI u = new java.net.URI(n.asText());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (u.getRawUserInfo() != null) {
                // Not echoed: the point is to keep the secret out of files and logs.
                throw problem(dotted, "must not hold credentials: secrets come from environment variables");
            }
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                return u;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below, as any other bad URL
        }
        throw problem(dotted, "must be an http or https URL, not " + n);
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
                throw problem(dotted, "must be a path or a list of paths, not " + item);
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
            throw problem(dotted, "must be true or false, not " + n);
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
            throw problem(dotted, "must be a mapping of names to whole numbers");
        }
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().canConvertToInt()) {
                throw problem(dotted + "." + e.getKey(), "must be a whole number, not " + e.getValue());
            }
            out.put(e.getKey(), e.getValue().asInt());
        }
        return out;
    }

    /** The {@code listeners} list: each a mapping of {@code protocol}, {@code port} and {@code intake}. */
    public List<BoundListener> listeners() throws IOException {
        List<BoundListener> out = new ArrayList<>();
        for (int i = 0; i < size("listeners"); i++) {
            String where = "listeners[" + i + "]";
            if (at(where + ".port") == null) {
                throw problem(where + ".port", "is missing");
            }
            try {
                out.add(new BoundListener(BoundListener.Protocol.of(string(where + ".protocol", "")),
                        integer(where + ".port", 0), string(where + ".intake", null)));
            } catch (IllegalArgumentException e) {
                throw problem(where, ": " + e.getMessage());
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
            throw problem(dotted, "must be a whole number, not " + n);
        }
        return n.asInt();
    }
}
