package io.gatewatch.core.pulse;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.ecs.FieldType;
import io.gatewatch.core.net.IpAddresses;
import io.gatewatch.core.template.Pattern;
import io.gatewatch.core.template.Template;
import java.util.List;

/** One catalog template and where each of its placeholders writes into the event. */
final class TemplateRule {
    /** Where a placeholder's text goes. {@code field == null} drops it. */
    record Target(EcsField field, EcsField nonIpField, boolean override) {}

    final Template template;
    /** Whether this template may be used to recover the code of a Standard line. */
    final boolean recoverable;
    private final Target[] targets;

    private TemplateRule(Template template, boolean recoverable, Target[] targets) {
        this.template = template;
        this.recoverable = recoverable;
        this.targets = targets;
    }

    static TemplateRule compile(String spec, boolean recoverable) {
        Template t = Template.compile(spec, TemplateRule::defaultPattern);
        Target[] targets = new Target[t.captureCount()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = target(t.captureName(i), spec);
        }
        return new TemplateRule(t, recoverable, targets);
    }

    int captureCount() {
        return targets.length;
    }

    private static Pattern defaultPattern(String name) {
        Target t = target(name, name);
        if (t.field() == null) {
            return Pattern.DATA;
        }
        return switch (t.field().type()) {
            case IP, IP_LIST -> t.nonIpField() != null ? Pattern.HOSTADDR : Pattern.IP;
            case LONG -> Pattern.NUMBER;
            default -> Pattern.DATA;
        };
    }

    private static Target target(String name, String spec) {
        boolean override = name.endsWith("!");
        String n = override ? name.substring(0, name.length() - 1) : name;
        if (n.equals("_")) {
            return new Target(null, null, false);
        }
        String[] alternatives = n.split("\\|", 2);
        EcsField f = field(alternatives[0], spec);
        EcsField alt = alternatives.length > 1 ? field(alternatives[1], spec) : null;
        return new Target(f, alt, override);
    }

    private static EcsField field(String path, String spec) {
        EcsField f = EcsField.byPath(path);
        if (f == null) {
            throw new IllegalArgumentException("unknown ECS field '" + path + "' in template: " + spec);
        }
        return f;
    }

    /** Matches {@code s[from, to)}; on a match writes the captures into {@code e}. */
    boolean apply(String s, int from, int to, EcsEvent e, int[] spans) {
        if (!template.match(s, from, to, spans)) {
            return false;
        }
        for (int i = 0; i < targets.length; i++) {
            Target t = targets[i];
            int start = spans[2 * i];
            if (t.field() == null || start < 0
                    || (!t.override() && t.nonIpField() == null && e.has(t.field()))) {
                continue; // nothing to write: skip the substring too
            }
            int end = spans[2 * i + 1];
            while (start < end && Character.isWhitespace(s.charAt(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(s.charAt(end - 1))) {
                end--;
            }
            if (start == end) {
                continue;
            }
            String v = s.substring(start, end);
            EcsField f = t.field();
            Pattern p = template.capturePattern(i);
            // The IP pattern has already checked the text; the host-address one says which it was.
            boolean ip = p == Pattern.IP || (f.type().isIp() && IpAddresses.isIp(v));
            if (t.nonIpField() != null && !ip) {
                f = t.nonIpField();
            }
            write(e, f, v, t.override(), ip);
        }
        return true;
    }

    private static void write(EcsEvent e, EcsField f, String v, boolean override, boolean ip) {
        if (!override && e.has(f)) {
            return;
        }
        FieldType type = f.type();
        switch (type) {
            case IP -> {
                if (ip) {
                    e.set(f, v);
                }
            }
            case IP_LIST -> {
                if (ip) {
                    e.setList(f, List.of(v));
                }
            }
            case KEYWORD_LIST -> e.setList(f, List.of(v));
            case LONG -> {
                long n = parseLong(v);
                if (n != Long.MIN_VALUE) {
                    e.setLong(f, n);
                }
            }
            default -> e.set(f, v);
        }
    }

    /** A plain decimal integer, or Long.MIN_VALUE; {@code +5} and {@code 5.0} are not ports or counts. */
    static long parseLong(String v) {
        int n = v.length();
        if (n == 0 || n > 18) {
            return Long.MIN_VALUE;
        }
        long r = 0;
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return Long.MIN_VALUE;
            }
            r = r * 10 + (c - '0');
        }
        return r;
    }
}
