package io.gatewatch.core.pulse;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.net.IpAddresses;
import io.gatewatch.core.syslog.SyslogEnvelope;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link PulseRecord} into ECS.
 *
 * <p>Two layers, in this order:
 * <ol>
 *   <li>the reference parser's rules (Sekoia.io's Pulse Connect Secure intake), field for field:
 *       trimmed values, no field for an empty value, {@code event.code}/{@code action.name} and
 *       {@code event.reason} from {@code msg}, the key mappings, IP checks, its categorization and
 *       its eight templates, {@code related.*};</li>
 *   <li>our catalog: categorization of every other code, and template fields that only fill what
 *       is still empty, so that nothing the reference emits changes value.</li>
 * </ol>
 */
final class PulseNormalizer {
    static final String TAG_UNKNOWN_MESSAGE = "gatewatch_unknown_message";
    static final String TAG_UNCATALOGUED = "gatewatch_uncatalogued";
    static final String TAG_TEXT_TOO_LONG = "gatewatch_text_too_long";
    /**
     * Message texts longer than this are not matched against templates (their code is still read,
     * their fields are not extracted): PCS messages are far shorter, and this bounds the work a
     * hostile line can cause.
     */
    static final int MAX_TEMPLATE_TEXT = 4096;

    private static final List<String> INFO = List.of("info");
    private static final List<String> NETWORK = List.of("network");

    private final MessageCatalog catalog;
    private final int[] spans;
    private final LocalTimes.Parsed time = new LocalTimes.Parsed();

    PulseNormalizer(MessageCatalog catalog) {
        this.catalog = catalog;
        this.spans = new int[2 * Math.max(1, catalog.maxCaptures())];
    }

    void normalize(PulseRecord r, SyslogEnvelope envelope, TimePolicy policy, EcsEvent e) {
        e.set(EcsField.PULSE_FORMAT, r.format.label());
        timestamp(r, envelope, policy, e);

        String code = r.code;
        String rest = r.rest;
        CatalogEntry entry = null;
        String text = null;
        if (code == null && r.uncodedText != null) {
            text = r.uncodedText;
            entry = text.length() <= MAX_TEMPLATE_TEXT ? catalog.recover(text, spans) : null;
            if (entry != null && entry.code() != null) {
                code = entry.code();
                rest = " " + text;
            } else {
                e.set(EcsField.EVENT_REASON, text);
            }
        }
        if (code != null) {
            e.set(EcsField.EVENT_CODE, code);
            e.set(EcsField.ACTION_NAME, code);
            e.set(EcsField.EVENT_REASON, rest);
            if (entry == null) {
                entry = catalog.byCode(code);
            }
        }

        referenceFields(r, e);
        vendorFields(r, e);

        if (entry != null) {
            e.set(EcsField.EVENT_KIND, entry.kind());
            e.setList(EcsField.EVENT_CATEGORY, entry.categories());
            e.setList(EcsField.EVENT_TYPE, entry.types());
            e.set(EcsField.EVENT_OUTCOME, entry.outcome());
            e.set(EcsField.EVENT_ACTION, entry.action());
            // Templates read the text after "CODE: " (exactly one space, as the reference's do).
            if (rest != null) {
                if (!rest.isEmpty() && rest.charAt(0) == ' ') {
                    applyRules(entry, rest, 1, e);
                }
            } else if (text != null) {
                applyRules(entry, text, 0, e);
            }
        } else {
            // The reference's fallback, for every code it has no rule for.
            e.set(EcsField.EVENT_KIND, "event");
            e.setList(EcsField.EVENT_CATEGORY, NETWORK);
            e.setList(EcsField.EVENT_TYPE, INFO);
            e.add(EcsField.TAGS, code != null ? TAG_UNCATALOGUED : TAG_UNKNOWN_MESSAGE);
            if (text != null && text.length() > MAX_TEMPLATE_TEXT) {
                e.add(EcsField.TAGS, TAG_TEXT_TOO_LONG);
            }
        }
        derived(e);
    }

    /**
     * Runs the entry's templates: the first {@code =} template that matches wins (the others are
     * alternative shapes of the same message); every {@code +} template runs.
     */
    private void applyRules(CatalogEntry entry, String s, int from, EcsEvent e) {
        if (s.length() - from > MAX_TEMPLATE_TEXT) {
            if (!entry.rules().isEmpty()) {
                e.add(EcsField.TAGS, TAG_TEXT_TOO_LONG);
            }
            return;
        }
        boolean matched = false;
        for (TemplateRule rule : entry.rules()) {
            if (rule.recoverable && matched) {
                continue;
            }
            if (rule.apply(s, from, s.length(), e, spans) && rule.recoverable) {
                matched = true;
            }
        }
    }

    /** {@code @timestamp}: the record's instant or local time, else a header time with an offset. */
    void timestamp(PulseRecord r, SyslogEnvelope env, TimePolicy policy, EcsEvent e) {
        if (r.epochMillis != PulseRecord.NO_TIME) {
            e.setLong(EcsField.TIMESTAMP, r.epochMillis);
            return;
        }
        String t = r.time;
        if (t == null && env.timestamp() != null && env.hasOffset()) {
            t = env.timestamp();
        }
        if (!LocalTimes.parse(t, time)) {
            return;
        }
        int offset = time.offsetSeconds != LocalTimes.NO_OFFSET
                ? time.offsetSeconds
                : policy.offsetSeconds(time.localEpochSecond, env.offsetSeconds());
        e.setLong(EcsField.TIMESTAMP, (time.localEpochSecond - offset) * 1000 + time.millis);
    }

    /** The reference parser's key mappings. */
    private static void referenceFields(PulseRecord r, EcsEvent e) {
        if (IpAddresses.isIp(r.fw)) {
            e.set(EcsField.NETWORK_FORWARDED_IP, r.fw);
            e.setList(EcsField.OBSERVER_IP, List.of(r.fw));
        } else {
            e.set(EcsField.OBSERVER_HOSTNAME, r.fw);
        }
        e.set(EcsField.SERVICE_NAME, r.vpn);
        e.set(EcsField.SERVICE_TYPE, r.type);
        e.set(EcsField.USER_NAME, r.user);
        e.set(EcsField.USER_DOMAIN, r.realm);
        if (r.roles != null && !r.roles.isEmpty()) {
            e.setList(EcsField.USER_ROLES, splitList(r.roles));
        }
        e.set(EcsField.EVENT_PROVIDER, r.proto);
        setNumber(e, EcsField.SOURCE_BYTES, r.sent);
        setNumber(e, EcsField.DESTINATION_BYTES, r.rcvd);
        e.set(EcsField.DESTINATION_DOMAIN, r.dstname);
        if (IpAddresses.isIp(r.src)) {
            e.set(EcsField.SOURCE_IP, r.src);
        }
        if (IpAddresses.isIp(r.dst)) {
            e.set(EcsField.DESTINATION_IP, r.dst);
        }
    }

    /** Fields the reference drops and we keep. */
    private static void vendorFields(PulseRecord r, EcsEvent e) {
        e.set(EcsField.OBSERVER_VENDOR, "Ivanti");
        e.set(EcsField.OBSERVER_PRODUCT, "Connect Secure");
        e.set(EcsField.OBSERVER_TYPE, "vpn");
        e.set(EcsField.OBSERVER_NAME, r.vpn);
        e.set(EcsField.PULSE_NAMESPACE, r.ivs);
        e.set(EcsField.PULSE_SESSION_ID, r.sessionId);
        e.set(EcsField.PULSE_SESSION_ID_SHORT, r.sessionIdShort);
        e.set(EcsField.USER_AGENT_ORIGINAL, r.agent);
        e.set(EcsField.PULSE_OP, r.op);
        e.set(EcsField.PULSE_ARG, r.arg);
        e.set(EcsField.PULSE_RESULT, r.result);
        e.set(EcsField.PULSE_SEVERITY_NAME, r.severityName);
        setNumber(e, EcsField.EVENT_SEVERITY, r.pri);
        long seconds = TemplateRule.parseLong(r.duration == null ? "" : r.duration);
        if (seconds != Long.MIN_VALUE) {
            e.setLong(EcsField.EVENT_DURATION, seconds * 1_000_000_000L);
        }
        if (r.macaddr != null && !r.macaddr.isEmpty()) {
            e.setList(EcsField.HOST_MAC, List.of(r.macaddr));
        }
    }

    /** Fields computed from others, as the reference's engine does after its stages. */
    private static void derived(EcsEvent e) {
        String path = e.getString(EcsField.URL_PATH);
        String original = e.getString(EcsField.URL_ORIGINAL);
        if (path != null) {
            e.setIfAbsent(EcsField.URL_ORIGINAL, path);
            int q = path.indexOf('?');
            if (q >= 0) {
                e.set(EcsField.URL_QUERY, path.substring(q + 1));
            }
        } else if (original != null) {
            Urls.split(original, e);
        }
        String sourceIp = e.getString(EcsField.SOURCE_IP);
        if (sourceIp != null) {
            e.set(EcsField.SOURCE_ADDRESS, sourceIp);
        }
        String destinationIp = e.getString(EcsField.DESTINATION_IP);
        if (destinationIp != null) {
            e.set(EcsField.DESTINATION_ADDRESS, destinationIp);
        }
        List<String> related = new ArrayList<>(4);
        addDistinct(related, sourceIp);
        addDistinct(related, destinationIp);
        for (String ip : e.getList(EcsField.HOST_IP)) {
            addDistinct(related, ip);
        }
        for (String ip : e.getList(EcsField.OBSERVER_IP)) {
            addDistinct(related, ip);
        }
        addDistinct(related, e.getString(EcsField.NETWORK_FORWARDED_IP));
        if (!related.isEmpty()) {
            related.sort(null);
            e.setList(EcsField.RELATED_IP, related);
        }
        String user = e.getString(EcsField.USER_NAME);
        if (user != null) {
            e.setList(EcsField.RELATED_USER, List.of(user));
        }
    }

    private static void addDistinct(List<String> list, String v) {
        if (v != null && !list.contains(v)) {
            list.add(v);
        }
    }

    private static void setNumber(EcsEvent e, EcsField f, String v) {
        if (v != null) {
            long n = TemplateRule.parseLong(v);
            if (n != Long.MIN_VALUE) {
                e.setLong(f, n);
            }
        }
    }

    /** Splits {@code "a, b,,c"} into {@code [a, b, c]}. */
    static List<String> splitList(String csv) {
        if (csv.indexOf(',') < 0) {
            return List.of(csv);
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start <= csv.length()) {
            int comma = csv.indexOf(',', start);
            int end = comma < 0 ? csv.length() : comma;
            String part = csv.substring(start, end).strip();
            if (!part.isEmpty()) {
                out.add(part);
            }
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        return out.isEmpty() ? List.of() : List.copyOf(out);
    }
}
