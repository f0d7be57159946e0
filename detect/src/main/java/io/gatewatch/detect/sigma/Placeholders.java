package io.gatewatch.detect.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code expand} modifier: {@code %name%} placeholders in a value are replaced by the values
 * configured for that name (several values give several variants, OR-linked). A placeholder with
 * no configured values rejects the rule, as the specification requires of a tool that cannot
 * resolve it. {@code \%} is a plain percent sign. Configured values are rule text: their
 * wildcards work.
 */
final class Placeholders {
    private Placeholders() {}

    static List<String> expand(String raw, Map<String, List<String>> config, int max) {
        List<StringBuilder> out = new ArrayList<>();
        out.add(new StringBuilder());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() && raw.charAt(i + 1) == '%') {
                out.forEach(sb -> sb.append('%'));
                i += 2;
                continue;
            }
            int close = c == '%' ? raw.indexOf('%', i + 1) : -1;
            if (close > i + 1 && isName(raw, i + 1, close)) {
                String name = raw.substring(i + 1, close);
                List<String> values = config.get(name);
                if (values == null || values.isEmpty()) {
                    throw new IllegalArgumentException("expand: no values configured for placeholder %" + name + "%");
                }
                List<StringBuilder> next = new ArrayList<>();
                for (StringBuilder sb : out) {
                    for (String v : values) {
                        next.add(new StringBuilder(sb).append(v));
                    }
                }
                if (next.size() > max) {
                    throw new IllegalArgumentException("expand: more than " + max + " variants");
                }
                out = next;
                i = close + 1;
                continue;
            }
            out.forEach(sb -> sb.append(c));
            i++;
        }
        return out.stream().map(StringBuilder::toString).toList();
    }

    private static boolean isName(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
