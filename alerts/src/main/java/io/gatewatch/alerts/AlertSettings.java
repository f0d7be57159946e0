package io.gatewatch.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How alerts are grouped and ranked, frozen at start.
 *
 * <p>The rule format has no key for a similarity strategy yet, so a rule's own list of fields is
 * given here, by rule id. Each entry of a list is a field, or a list of fields whose values are
 * interchangeable (the reference's "swappable fields", as {@code [source.ip, destination.ip]}).
 *
 * <pre>
 * similarity:
 *   0b6c2a3e-...: [user.name]
 *   my-rule: [[source.ip, destination.ip], url.path]
 * criticality: {vpn-edge: 80}
 * webhooks: {high: https://hooks.example/soc, critical: https://hooks.example/oncall}
 * webhook_attempts: 5
 * webhook_backoff_ms: 1000       # also the CEF forward's
 * cef: {host: siem.example, port: 514, protocol: tcp}
 * </pre>
 *
 * @param similarity a rule id's own similarity fields
 * @param criticality an intake's criticality, 1–100 (absent or 0: none)
 * @param maxEventIds matched event ids kept per alert (the count goes on past it)
 * @param maxSamples matched events kept whole per alert
 * @param webhooks where new alerts are posted, by rule level, and how sends are retried
 * @param cef where new alerts are forwarded as CEF syslog lines; null for nowhere
 */
public record AlertSettings(Map<String, List<List<String>>> similarity, Map<String, Integer> criticality,
        int maxEventIds, int maxSamples, Webhooks webhooks, Cef cef) {
    public static final String FILE = "alerts/settings.yml";
    private static final Set<String> KEYS = Set.of("similarity", "criticality", "max_event_ids", "max_samples", "webhooks",
            "webhook_attempts", "webhook_backoff_ms", "cef");
    private static final Set<String> LEVELS = Set.of("informational", "low", "medium", "high", "critical");

    /**
     * Webhooks: a URL per rule level, how many times a post is tried, and the wait before the
     * first retry (doubled at each next one).
     */
    public record Webhooks(Map<String, java.net.URI> byLevel, int attempts, long backoffMillis) {
        public Webhooks {
            byLevel = Map.copyOf(byLevel);
            if (attempts < 1 || attempts > 20) {
                throw new IllegalArgumentException("webhook_attempts must be between 1 and 20, not " + attempts);
            }
            if (backoffMillis < 1 || backoffMillis > 600_000) {
                throw new IllegalArgumentException("webhook_backoff_ms must be between 1 and 600000, not " + backoffMillis);
            }
        }

        public static Webhooks none() {
            return new Webhooks(Map.of(), 5, 1000);
        }
    }

    /** A SIEM's syslog receiver for the CEF forward. */
    public record Cef(String host, int port, boolean udp) {
        public Cef {
            if (host == null || host.isBlank() || port < 1 || port > 65535) {
                throw new IllegalArgumentException("cef needs a host and a port between 1 and 65535");
            }
        }
    }

    public AlertSettings(Map<String, List<List<String>>> similarity, Map<String, Integer> criticality, int maxEventIds,
            int maxSamples) {
        this(similarity, criticality, maxEventIds, maxSamples, Webhooks.none(), null);
    }

    public AlertSettings {
        similarity = Map.copyOf(similarity);
        criticality = Map.copyOf(criticality);
        for (var e : criticality.entrySet()) {
            if (e.getValue() < 0 || e.getValue() > 100) {
                throw new IllegalArgumentException("criticality of intake '" + e.getKey() + "' must be 0 to 100, not " + e.getValue());
            }
        }
        if (maxEventIds < 1 || maxSamples < 0 || maxSamples > maxEventIds) {
            throw new IllegalArgumentException("max_event_ids must be at least 1 and max_samples between 0 and max_event_ids");
        }
    }

    public static AlertSettings defaults() {
        return new AlertSettings(Map.of(), Map.of(), 1000, 10);
    }

    /** The settings in {@code DATA/alerts/settings.yml}, or the defaults when there is no such file. */
    public static AlertSettings load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return defaults();
        }
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(bytes);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return defaults();
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static AlertSettings parse(JsonNode root) {
        if (!root.isObject()) {
            throw new IllegalArgumentException("must be a mapping");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' (" + String.join(", ", KEYS) + ")");
            }
        }
        Map<String, List<List<String>>> similarity = new LinkedHashMap<>();
        for (var e : entries(root.path("similarity"), "similarity")) {
            if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                throw new IllegalArgumentException("similarity." + e.getKey() + " must be a non-empty list of fields");
            }
            List<List<String>> fields = new ArrayList<>();
            for (JsonNode f : e.getValue()) {
                List<String> group = new ArrayList<>();
                for (JsonNode name : f.isArray() ? f : List.of(f)) {
                    if (!name.isTextual() || name.asText().isBlank()) {
                        throw new IllegalArgumentException("similarity." + e.getKey() + ": fields are names, not " + name);
                    }
                    group.add(name.asText());
                }
                fields.add(List.copyOf(group));
            }
            similarity.put(e.getKey(), List.copyOf(fields));
        }
        Map<String, Integer> criticality = new LinkedHashMap<>();
        for (var e : entries(root.path("criticality"), "criticality")) {
            if (!e.getValue().canConvertToInt()) {
                throw new IllegalArgumentException("criticality." + e.getKey() + " must be a whole number");
            }
            criticality.put(e.getKey(), e.getValue().asInt());
        }
        Map<String, java.net.URI> hooks = new LinkedHashMap<>();
        for (var e : entries(root.path("webhooks"), "webhooks")) {
            if (!LEVELS.contains(e.getKey())) {
                throw new IllegalArgumentException("webhooks are per rule level (" + String.join(", ", LEVELS) + "), not '"
                        + e.getKey() + "'");
            }
            java.net.URI url = java.net.URI.create(e.getValue().asText());
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException("webhooks." + e.getKey() + " must be an http or https URL");
            }
            hooks.put(e.getKey(), url);
        }
        Cef cef = null;
        JsonNode c = root.path("cef");
        if (!c.isMissingNode() && !c.isNull()) {
            String protocol = c.path("protocol").asText("tcp");
            if (!protocol.equals("tcp") && !protocol.equals("udp")) {
                throw new IllegalArgumentException("cef.protocol is tcp or udp, not '" + protocol + "'");
            }
            cef = new Cef(c.path("host").asText(null), c.path("port").asInt(514), protocol.equals("udp"));
        }
        AlertSettings d = defaults();
        Webhooks w = Webhooks.none();
        return new AlertSettings(similarity, criticality, root.path("max_event_ids").asInt(d.maxEventIds()),
                root.path("max_samples").asInt(d.maxSamples()), new Webhooks(hooks,
                        root.path("webhook_attempts").asInt(w.attempts()), root.path("webhook_backoff_ms").asLong(w.backoffMillis())), cef);
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode node, String name) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(name + " must be a mapping");
        }
        return new ArrayList<>(node.properties());
    }

    int criticalityOf(String intake) {
        return intake == null ? 0 : criticality.getOrDefault(intake, 0);
    }
}
