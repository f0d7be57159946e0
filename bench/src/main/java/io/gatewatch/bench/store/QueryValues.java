package io.gatewatch.bench.store;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Values for the analysts' questions, picked from the events themselves (every
 * {@value #EVERY}-th one) so that every question asks about a user, an address or a code that is
 * in the data, spread over all its days.
 */
final class QueryValues {
    static final int EVERY = 9_973;
    private static final int MAX_EACH = 64;

    private final Set<String> users = new LinkedHashSet<>();
    private final Set<String> ipv4s = new LinkedHashSet<>();
    private final Set<String> codes = new LinkedHashSet<>();

    /** Looks at event {@code i}: one in {@value #EVERY} is sampled. */
    void offer(long i, EcsEvent event) {
        if (i % EVERY != 0) {
            return;
        }
        String user = event.getString(EcsField.USER_NAME);
        if (user != null && users.size() < MAX_EACH && isPlainName(user) && !user.equals("System")) {
            users.add(user);
        }
        String ip = event.getString(EcsField.SOURCE_IP);
        if (ip != null && ipv4s.size() < MAX_EACH && ScanCondition.InIpv4Network.ipv4(ip) >= 0
                && !ip.startsWith("127.")) {
            ipv4s.add(ip);
        }
        String code = event.getString(EcsField.EVENT_CODE);
        if (code != null && codes.size() < MAX_EACH) {
            codes.add(code);
        }
    }

    List<String> users() {
        return new ArrayList<>(users);
    }

    List<String> ipv4s() {
        return new ArrayList<>(ipv4s);
    }

    List<String> codes() {
        return new ArrayList<>(codes);
    }

    boolean isEmpty() {
        return users.isEmpty() || ipv4s.isEmpty() || codes.isEmpty();
    }

    /**
     * Letters, digits and dots, starting with three letters: quotable without escapes, and with a
     * three-letter prefix for the prefix question.
     */
    static boolean isPlainName(String s) {
        if (s.length() < 4) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = c >= 'a' && c <= 'z';
            if (i < 3 ? !letter : !(letter || c >= '0' && c <= '9' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
