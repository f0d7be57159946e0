package io.gatewatch.core.pulse;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.ecs.Utf8Text;
import io.gatewatch.core.syslog.SyslogEnvelope;
import io.gatewatch.core.syslog.SyslogEnvelopeParser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Parses one PCS/ICS log line (bytes, with or without a syslog header, in WELF, Standard or JSON
 * format) into an {@link EcsEvent}. The entry point of the parser.
 *
 * <p>It never throws and never drops a line: what it cannot read comes back as an event with the
 * line as {@code message}, the tag {@value #TAG_UNPARSED} and {@code error.message} saying why.
 *
 * <p>An instance reuses buffers between calls: use one per thread.
 */
public final class PulseParser {
    public static final String TAG_UNPARSED = "gatewatch_unparsed";
    public static final String TAG_TRUNCATED = "gatewatch_truncated";
    /** Lines longer than this are parsed on their first {@value} bytes and tagged truncated. */
    public static final int MAX_LINE_BYTES = 256 * 1024;

    private final TimePolicy timePolicy;
    private final PulseNormalizer normalizer;
    private final WelfReader welf = new WelfReader();
    private final PulseRecord record = new PulseRecord();

    public PulseParser() {
        this(TimePolicy.utc());
    }

    public PulseParser(TimePolicy timePolicy) {
        this.timePolicy = timePolicy;
        this.normalizer = new PulseNormalizer(MessageCatalog.defaultCatalog());
    }

    public EcsEvent parse(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length);
    }

    public EcsEvent parse(byte[] line) {
        return parse(line, 0, line.length);
    }

    public EcsEvent parse(byte[] b, int offset, int length) {
        EcsEvent e = new EcsEvent();
        try {
            parseInto(b, offset, length, e);
        } catch (RuntimeException | StackOverflowError ex) {
            // A bug of ours must not lose the line: keep it, flagged, with the reason.
            EcsEvent kept = new EcsEvent();
            kept.set(EcsField.MESSAGE, text(b, offset, Math.min(length, MAX_LINE_BYTES)).strip());
            unparsed(kept, "internal parser error: " + ex);
            return kept;
        }
        return e;
    }

    /** Whether the parser could not read the line's format. */
    public static boolean isUnparsed(EcsEvent e) {
        return e.getList(EcsField.TAGS).contains(TAG_UNPARSED);
    }

    private void parseInto(byte[] b, int offset, int length, EcsEvent e) {
        int from = offset;
        int to = offset + Math.min(length, MAX_LINE_BYTES);
        boolean cut = length > MAX_LINE_BYTES;
        while (to > from && isSpace(b[to - 1])) {
            to--;
        }
        while (from < to && isSpace(b[from])) {
            from++;
        }
        if (from == to) {
            e.set(EcsField.MESSAGE, "");
            unparsed(e, "empty line");
            return;
        }
        SyslogEnvelope env = SyslogEnvelopeParser.parse(b, from, to);
        int body = skipNilHeaderFields(b, env.bodyStart(), to);
        envelopeFields(env, e);
        // The body is the message; a header with nothing after it is kept whole. Both stay raw
        // bytes, in one copy of the line: decoding them is left to whoever needs a String.
        byte[] line = Arrays.copyOfRange(b, from, to);
        int bodyInLine = (body < to ? body : from) - from;
        e.setText(EcsField.MESSAGE, new Utf8Text(line, bodyInLine, line.length - bodyInLine));
        if (body > from) {
            e.setText(EcsField.EVENT_ORIGINAL, new Utf8Text(line, 0, line.length));
        }
        if (cut) {
            e.add(EcsField.TAGS, TAG_TRUNCATED);
        }

        PulseRecord r = record;
        String error = null;
        if (body < to && b[body] == '{') {
            r.reset(LogFormat.JSON);
            error = JsonReader.read(b, body, to, r, e);
        } else if (WelfReader.looksLikeWelf(b, body, to)) {
            r.reset(LogFormat.WELF);
            welf.read(b, body, to, r, e);
            if (welf.truncated()) {
                e.add(EcsField.TAGS, TAG_TRUNCATED);
                e.set(EcsField.ERROR_MESSAGE, "a quoted value has no closing quote: the line looks truncated");
            }
        } else {
            String s = text(b, body, to);
            if (StandardReader.looksLikeStandard(s)) {
                r.reset(LogFormat.STANDARD);
                error = StandardReader.read(s, r);
            } else {
                r.reset(LogFormat.UNKNOWN);
                error = "unrecognised log format: expected WELF (id=firewall time=… msg=\"…\"), "
                        + "Standard (YYYY-MM-DD HH:MM:SS - node - [ip] user(realm)[roles] - text) or JSON ({\"message_id\":…})";
            }
        }
        if (error != null) {
            e.set(EcsField.PULSE_FORMAT, r.format.label());
            // Whatever time the line gave before it failed, or its header's.
            normalizer.timestamp(r, env, timePolicy, e);
            unparsed(e, error);
            return;
        }
        normalizer.normalize(r, env, timePolicy, e);
    }

    private static void unparsed(EcsEvent e, String reason) {
        e.set(EcsField.EVENT_KIND, "pipeline_error");
        e.add(EcsField.TAGS, TAG_UNPARSED);
        e.set(EcsField.ERROR_MESSAGE, reason);
    }

    private static void envelopeFields(SyslogEnvelope env, EcsEvent e) {
        if (!env.present()) {
            return;
        }
        if (env.priority() >= 0) {
            e.setLong(EcsField.LOG_SYSLOG_PRIORITY, env.priority());
            e.setLong(EcsField.LOG_SYSLOG_FACILITY_CODE, env.facility());
            e.set(EcsField.LOG_SYSLOG_FACILITY_NAME, env.facilityName());
            e.setLong(EcsField.LOG_SYSLOG_SEVERITY_CODE, env.severity());
            e.set(EcsField.LOG_SYSLOG_SEVERITY_NAME, env.severityName());
        }
        if (env.version() > 0) {
            e.set(EcsField.LOG_SYSLOG_VERSION, Integer.toString(env.version()));
        }
        e.set(EcsField.LOG_SYSLOG_HOSTNAME, env.hostname());
        e.set(EcsField.LOG_SYSLOG_APPNAME, env.appName());
        e.set(EcsField.LOG_SYSLOG_PROCID, env.procId());
        e.set(EcsField.LOG_SYSLOG_MSGID, env.msgId());
        Map<String, Map<String, String>> sd = env.structuredData();
        if (!sd.isEmpty()) {
            e.setObject(EcsField.SYSLOG, sd);
        }
    }

    /**
     * Skips the {@code - - - } left in front of a body when a relay dropped the rest of an
     * RFC 5424 header (NILVALUE procid, msgid and structured data).
     */
    private static int skipNilHeaderFields(byte[] b, int i, int to) {
        int k = i;
        int dashes = 0;
        while (dashes < 3 && k + 1 < to && b[k] == '-' && b[k + 1] == ' ') {
            k += 2;
            while (k < to && b[k] == ' ') {
                k++;
            }
            dashes++;
        }
        return dashes > 0 ? k : i;
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0;
    }
}
