package io.gatewatch.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.krakens.grok.api.Grok;
import io.krakens.grok.api.GrokCompiler;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline: the reference parser (Sekoia.io's Pulse Connect Secure intake) rewritten the way a
 * user would write it in a Logstash-style pipeline on the JVM: a regex key=value split, then a
 * per-code grok pattern on the message, a nested {@code Map} for the event, and Jackson databind to
 * serialize it.
 *
 * <p>Stages, as in the reference: {@code kv_event} (key=value split), {@code field_extraction}
 * (key mappings, {@code event.code}/{@code event.reason} from {@code msg}, categorization),
 * {@code msg_parsing} (the reference's eight grok patterns, keyed by the code, anchored),
 * {@code details_extraction} (grok captures into ECS), then the engine's {@code *.address} copies
 * and {@code related.*}. WELF only, as the reference: other formats give an event with little
 * more than {@code message}.
 *
 * <p>Not thread-safe (one instance per thread), like the parser it is compared with.
 */
public final class ReferenceBaseline {
    private static final Pattern KV = Pattern.compile("(\\w+)=(\"(?:[^\"]*)\"|\\S*)");
    private static final DateTimeFormatter WELF_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);
    private static final Pattern NUMBER = Pattern.compile("-?\\d+");

    /** The reference's grok patterns, keyed by message code, on the text after {@code "CODE: "}. */
    static final Map<String, String> PATTERNS = Map.of(
            "AUT31556", "Unauthenticated request url %{URIPATHPARAM:url} %{GREEDYDATA}",
            "AUT20920", "Connection from IP %{IP:src} not authenticated yet \\(URL=%{URIPATHPARAM:url}\\)",
            "AUT24604", "SSL negotiation failed while client at source IP '%{IP:src}' was trying to connect to "
                    + "'%{IP:dst}'. Reason: '%{DATA:reason}'",
            "AUT24804", "Host Checker policy '%{DATA:policy}' failed on host '%{HOST_ADDRESS}' address "
                    + "'%{MAC:host_mac}' for user '%{USERNAME:user}' reason '%{DATA:reason}'.",
            "AUT24803", "Host Checker policy '%{DATA:policy}' passed on host '%{HOST_ADDRESS}' address "
                    + "'%{MAC:host_mac}' for user '%{USERNAME:user}'.",
            "SYS20704", "%{DATA} SNMP trap to %{IP:dst}:%{NUMBER:dst_port}",
            "SYS31437", "Successful syslog connection to peer: '%{IP:src}'",
            "LIC30499", "Leased %{NUMBER} units of '%{DATA}' from %{IP:src} - reserved: %{NUMBER} maximum: "
                    + "%{NUMBER} incremental quantum: %{NUMBER}");

    private static final List<String> INFO = List.of("info");
    private static final List<String> HOST = List.of("host");
    private static final List<String> AUTHENTICATION = List.of("authentication");
    private static final List<String> NETWORK = List.of("network");

    private final Map<String, Grok> groks = new LinkedHashMap<>();
    /** The reference's {@code is_ipaddress}: grok's own IP pattern, anchored. */
    private final Pattern ip;
    private final ObjectMapper mapper = new ObjectMapper();

    public ReferenceBaseline() {
        GrokCompiler compiler = GrokCompiler.newInstance();
        compiler.registerDefaultPatterns();
        compiler.register("HOST_ADDRESS", "%{IP:host_ip}|%{HOSTNAME:host_name}");
        for (Map.Entry<String, String> p : PATTERNS.entrySet()) {
            groks.put(p.getKey(), compiler.compile("^" + p.getValue() + "$"));
        }
        ip = Pattern.compile("^(?:" + compiler.compile("%{IP}").getNamedRegex() + ")$");
    }

    /** Parses one line and serializes the event: what a pipeline does per line. */
    public byte[] process(byte[] line, int offset, int length) {
        return toJson(parse(new String(line, offset, length, StandardCharsets.UTF_8)));
    }

    public byte[] toJson(Map<String, Object> event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One WELF line into a nested ECS map. */
    public Map<String, Object> parse(String line) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("message", line.strip());

        // kv_event
        Map<String, String> kv = new LinkedHashMap<>();
        Matcher m = KV.matcher(line);
        while (m.find()) {
            String v = m.group(2);
            if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
                v = v.substring(1, v.length() - 1);
            }
            kv.put(m.group(1), v.strip());
        }

        // field_extraction
        String time = kv.get("time");
        if (notEmpty(time)) {
            try {
                put(event, "@timestamp", RFC3339.format(LocalDateTime.parse(time, WELF_TIME).atOffset(ZoneOffset.UTC)));
            } catch (DateTimeParseException ignored) {
                // the reference leaves @timestamp to the intake time
            }
        }
        String code = null;
        String text = null;
        String msg = kv.get("msg");
        if (notEmpty(msg)) {
            int colon = msg.indexOf(':');
            code = (colon < 0 ? msg : msg.substring(0, colon)).strip();
            put(event, "event.code", code);
            put(event, "action.name", code);
            if (colon >= 0) {
                text = msg.substring(colon + 1);
                put(event, "event.reason", text);
            }
        }
        String fw = kv.get("fw");
        if (notEmpty(fw)) {
            put(event, "network.forwarded_ip", fw);
            put(event, "observer.ip", List.of(fw));
        }
        put(event, "service.name", kv.get("vpn"));
        put(event, "service.type", kv.get("type"));
        put(event, "user.name", kv.get("user"));
        put(event, "user.domain", kv.get("realm"));
        String roles = kv.get("roles");
        if (notEmpty(roles)) {
            List<String> list = new ArrayList<>();
            for (String r : roles.split(",")) {
                if (!r.isBlank()) {
                    list.add(r.strip());
                }
            }
            put(event, "user.roles", list);
        }
        put(event, "event.provider", kv.get("proto"));
        putNumber(event, "source.bytes", kv.get("sent"));
        putNumber(event, "destination.bytes", kv.get("rcvd"));
        put(event, "destination.domain", kv.get("dstname"));
        String src = kv.get("src");
        if (isIp(src)) {
            put(event, "source.ip", src);
        }
        String dst = kv.get("dst");
        if (isIp(dst)) {
            put(event, "destination.ip", dst);
        }
        put(event, "event.type", INFO);
        if ("AUT24804".equals(code) || "AUT24803".equals(code)) {
            put(event, "event.category", HOST);
        } else if ("AUT23457".equals(code)) {
            put(event, "event.category", AUTHENTICATION);
            put(event, "event.outcome", "failure");
        } else {
            put(event, "event.category", NETWORK);
        }

        // msg_parsing (grok.case_match keyed by event.code) and details_extraction
        Grok grok = code == null ? null : groks.get(code);
        if (grok != null && text != null) {
            Map<String, Object> c = grok.match(text.strip()).capture();
            if (!c.isEmpty()) {
                put(event, "url.path", first(c.get("url")));
                String s = first(c.get("src"));
                if (isIp(s)) {
                    put(event, "source.ip", s);
                }
                String d = first(c.get("dst"));
                if (isIp(d)) {
                    put(event, "destination.ip", d);
                }
                putNumber(event, "destination.port", first(c.get("dst_port")));
                put(event, "event.reason", first(c.get("reason")));
                put(event, "rule.name", first(c.get("policy")));
                put(event, "user.name", first(c.get("user")));
                put(event, "host.name", first(c.get("host_name")));
                String hostIp = first(c.get("host_ip"));
                if (notEmpty(hostIp)) {
                    put(event, "host.ip", List.of(hostIp));
                }
                String mac = first(c.get("host_mac"));
                if (notEmpty(mac)) {
                    put(event, "host.mac", List.of(mac));
                }
            }
        }

        // the engine: address copies and related.*
        String sourceIp = (String) get(event, "source.ip");
        String destinationIp = (String) get(event, "destination.ip");
        put(event, "source.address", sourceIp);
        put(event, "destination.address", destinationIp);
        TreeSet<String> related = new TreeSet<>();
        addIfNotNull(related, sourceIp);
        addIfNotNull(related, destinationIp);
        addAll(related, get(event, "host.ip"));
        addAll(related, get(event, "observer.ip"));
        if (!related.isEmpty()) {
            put(event, "related.ip", new ArrayList<>(related));
        }
        Object user = get(event, "user.name");
        if (user != null) {
            put(event, "related.user", List.of(user));
        }
        return event;
    }

    /** The value at a dotted path of a nested event map, or null. */
    @SuppressWarnings("unchecked")
    public static Object get(Map<String, Object> event, String path) {
        Map<String, Object> node = event;
        int start = 0;
        int dot;
        while ((dot = path.indexOf('.', start)) >= 0) {
            Object child = node.get(path.substring(start, dot));
            if (!(child instanceof Map)) {
                return null;
            }
            node = (Map<String, Object>) child;
            start = dot + 1;
        }
        return node.get(path.substring(start));
    }

    /** Sets a dotted path, creating the intermediate objects; empty values are skipped. */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> event, String path, Object value) {
        if (value == null || (value instanceof String s && s.isEmpty())) {
            return;
        }
        Map<String, Object> node = event;
        int start = 0;
        int dot;
        while ((dot = path.indexOf('.', start)) >= 0) {
            node = (Map<String, Object>) node.computeIfAbsent(path.substring(start, dot), k -> new LinkedHashMap<>());
            start = dot + 1;
        }
        node.put(path.substring(start), value);
    }

    private static void putNumber(Map<String, Object> event, String path, String value) {
        if (value != null && NUMBER.matcher(value).matches()) {
            put(event, path, Long.parseLong(value));
        }
    }

    private boolean isIp(String s) {
        return s != null && !s.isEmpty() && ip.matcher(s).matches();
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    private static String first(Object v) {
        if (v instanceof String s) {
            return s.isEmpty() ? null : s;
        }
        if (v instanceof Collection<?> c) {
            for (Object o : c) {
                if (o instanceof String s && !s.isEmpty()) {
                    return s;
                }
            }
        }
        return null;
    }

    private static void addIfNotNull(Collection<String> c, String s) {
        if (s != null) {
            c.add(s);
        }
    }

    private static void addAll(Collection<String> c, Object list) {
        if (list instanceof Collection<?> l) {
            for (Object o : l) {
                if (o instanceof String s) {
                    c.add(s);
                }
            }
        }
    }
}
