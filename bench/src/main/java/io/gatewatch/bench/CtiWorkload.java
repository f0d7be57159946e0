package io.gatewatch.bench;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.detect.cti.Atom;
import io.gatewatch.detect.cti.Indicator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A fixed-seed indicator set and event corpus for {@link CtiBench} and {@link CtiMemory}: 70 %
 * IPv4 addresses, 5 % IPv4 networks (/16 to /30), 25 % domains; events carry {@code source.ip},
 * {@code destination.ip}, {@code destination.domain} and {@code user.name}, and about 2 % of them
 * hit an indicator.
 */
final class CtiWorkload {
    static final long NOW = 1_700_000_000_000L;

    final List<Indicator> indicators = new ArrayList<>();
    final EcsEvent[] events;

    CtiWorkload(int indicatorCount, int eventCount) {
        Random rnd = new Random(42);
        List<String> ips = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < indicatorCount; i++) {
            int pick = rnd.nextInt(100);
            Atom atom;
            if (pick < 70) {
                String ip = ip(rnd);
                ips.add(ip);
                atom = new Atom(Atom.Kind.IPV4, ip);
            } else if (pick < 75) {
                int len = 16 + rnd.nextInt(15);
                long net = (rnd.nextInt() & 0xffffffffL) & (0xffffffffL << (32 - len)) & 0xffffffffL;
                atom = new Atom(Atom.Kind.IPV4, (net >>> 24) + "." + (net >>> 16 & 255) + "." + (net >>> 8 & 255) + "." + (net & 255) + "/" + len);
            } else {
                String d = word(rnd) + "-" + i + "." + (rnd.nextBoolean() ? "com" : "net");
                domains.add(d);
                atom = new Atom(Atom.Kind.DOMAIN, d);
            }
            indicators.add(new Indicator("indicator--" + new java.util.UUID(rnd.nextLong(), rnd.nextLong()), "bench", null,
                    "[" + atom.kind().stixType() + ":value = '" + atom.value() + "']", List.of(atom), null,
                    NOW - 86_400_000L, NOW + 86_400_000L * 30, rnd.nextInt(101), false, NOW - 86_400_000L, List.of()));
        }
        events = new EcsEvent[eventCount];
        for (int i = 0; i < eventCount; i++) {
            EcsEvent e = new EcsEvent().setLong(EcsField.TIMESTAMP, NOW);
            boolean hit = rnd.nextInt(100) < 2;
            e.set(EcsField.SOURCE_IP, hit && !ips.isEmpty() ? ips.get(rnd.nextInt(ips.size())) : ip(rnd));
            e.set(EcsField.DESTINATION_IP, "10.20." + rnd.nextInt(256) + "." + rnd.nextInt(256));
            e.set(EcsField.DESTINATION_DOMAIN, hit && !domains.isEmpty() && rnd.nextBoolean()
                    ? "www." + domains.get(rnd.nextInt(domains.size())) : "host" + rnd.nextInt(1000) + ".corp.example.com");
            e.set(EcsField.USER_NAME, "user" + rnd.nextInt(5000));
            events[i] = e;
        }
    }

    private static String ip(Random rnd) {
        return (1 + rnd.nextInt(222)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256);
    }

    private static String word(Random rnd) {
        char[] c = new char[6 + rnd.nextInt(8)];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) ('a' + rnd.nextInt(26));
        }
        return new String(c);
    }
}
