package io.gatewatch.server.cti;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.detect.cti.Atom;
import io.gatewatch.detect.cti.Indicator;
import io.gatewatch.store.query.EventQueries;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HuntQueryTest {
    private static Indicator of(List<String> labels, Atom... atoms) {
        return new Indicator("indicator--1", "feed", null, "[…]", List.of(atoms), null, Long.MIN_VALUE, Long.MAX_VALUE, -1,
                false, 0, labels);
    }

    @Test
    void eachAtomSearchesTheFieldsTheMatcherReads() {
        assertThat(HuntQuery.of(of(List.of(), new Atom(Atom.Kind.IPV4, "10.0.0.0/8"))))
                .isEqualTo("source.ip:\"10.0.0.0/8\" OR host.ip:\"10.0.0.0/8\" OR destination.ip:\"10.0.0.0/8\"");
        assertThat(HuntQuery.of(of(List.of("c2"), new Atom(Atom.Kind.IPV6, "2001:db8::/32"))))
                .isEqualTo("destination.ip:\"2001:db8::/32\"");
        assertThat(HuntQuery.of(of(List.of(), new Atom(Atom.Kind.DOMAIN, "evil.com"))))
                .isEqualTo("destination.domain:\"evil.com\" OR destination.domain:*.evil.com"
                        + " OR url.domain:\"evil.com\" OR url.domain:*.evil.com");
        assertThat(HuntQuery.of(of(List.of(), new Atom(Atom.Kind.DOMAIN, "com")))).doesNotContain("*");
        assertThat(HuntQuery.of(of(List.of(), new Atom(Atom.Kind.FILE_HASH, "sha-256:00")))).isNull();
    }

    @Test
    void valuesAreEscapedSoEveryQueryParses() {
        Indicator nasty = of(List.of(), new Atom(Atom.Kind.URL, "http://x/a\"b\\c (d) OR e:*"),
                new Atom(Atom.Kind.USER, "AND"), new Atom(Atom.Kind.DOMAIN, "we(i)rd*.x\"y"),
                new Atom(Atom.Kind.EMAIL, "a@b.c"));
        String q = HuntQuery.of(nasty);
        assertThat(q).contains("url.original:\"http://x/a\\\"b\\\\c (d) OR e:*\"", "user.name:\"AND\"",
                "destination.domain:*.we\\(i\\)rd\\*.x\\\"y");
        EventQueries.parse(q); // throws when it does not parse
    }

    @Test
    void quotedValuesAreExactTermsAndParentsAWildcard() {
        Instant now = Instant.now();
        assertThat(EventQueries.compile("url.original:\"http://x/a b\"", now).toString()).isEqualTo("url.original:http://x/a b");
        assertThat(EventQueries.compile("user.name:\"AND\"", now).toString()).isEqualTo("user.name:AND");
        assertThat(EventQueries.compile("destination.domain:*.evil.com", now).toString()).isEqualTo("destination.domain:*.evil.com");
    }
}
