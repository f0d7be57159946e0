package io.gatewatch.detect.cti;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The index finds exactly what a linear scan of every indicator finds, on random addresses and domains. */
class CtiIndexPropertyTest {
    @Test
    void index_agreesWithLinearScan() {
        Random rnd = new Random(7);
        List<Indicator> inds = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String pattern;
            int pick = rnd.nextInt(10);
            if (pick < 5) {
                String ip = "10." + rnd.nextInt(4) + "." + rnd.nextInt(16) + "." + rnd.nextInt(256);
                ips.add(ip);
                pattern = "[ipv4-addr:value = '" + ip + "']";
            } else if (pick < 7) {
                int len = 12 + rnd.nextInt(21);
                pattern = "[ipv4-addr:value ISSUBSET '10." + rnd.nextInt(4) + "." + rnd.nextInt(16) + "." + rnd.nextInt(256) + "/" + len + "']";
            } else {
                String d = "d" + rnd.nextInt(300) + (rnd.nextBoolean() ? ".example" : ".test");
                domains.add(d);
                pattern = "[domain-name:value = '" + d + "']";
            }
            inds.add(CtiMatchTest.indicator(Integer.toString(i), pattern));
        }
        CtiMatcher matcher = new CtiMatcher(CtiIndex.build(inds), () -> 0);
        for (int n = 0; n < 3000; n++) {
            String ip = rnd.nextBoolean() && !ips.isEmpty() ? ips.get(rnd.nextInt(ips.size()))
                    : "10." + rnd.nextInt(4) + "." + rnd.nextInt(16) + "." + rnd.nextInt(256);
            String domain = (rnd.nextBoolean() ? "a" + rnd.nextInt(3) + "." : "")
                    + (rnd.nextBoolean() && !domains.isEmpty() ? domains.get(rnd.nextInt(domains.size())) : "x" + n + ".example");
            EcsEvent e = new EcsEvent().set(EcsField.SOURCE_IP, ip).set(EcsField.DESTINATION_DOMAIN, domain);
            TreeSet<String> got = new TreeSet<>();
            for (CtiHit h : matcher.match(e)) {
                got.add(h.indicator().id() + "|" + h.field());
            }
            TreeSet<String> want = linear(inds, ip, domain);
            if (want.size() <= CtiMatcher.MAX_HITS) {
                assertThat(got).as("%s %s", ip, domain).isEqualTo(want);
            } else { // hits per event are capped
                assertThat(got).hasSize(CtiMatcher.MAX_HITS);
                assertThat(want).containsAll(got);
            }
        }
    }

    private static TreeSet<String> linear(List<Indicator> inds, String ip, String domain) {
        TreeSet<String> want = new TreeSet<>();
        long a = IpPrefix.v4(ip);
        for (Indicator i : inds) {
            for (Atom atom : i.atoms()) {
                if (atom.kind() == Atom.Kind.IPV4) {
                    IpPrefix p = IpPrefix.parseV4(atom.value());
                    if ((a & IpPrefix.maskV4(p.length())) == p.lo()) {
                        want.add(i.id() + "|source.ip");
                    }
                } else if (domain.equals(atom.value()) || domain.endsWith("." + atom.value())) {
                    want.add(i.id() + "|destination.domain");
                }
            }
        }
        return want;
    }
}
