package io.gatewatch.detect.cti;

import java.util.Objects;

/**
 * One observable an indicator matches, in normal form: an address or CIDR, a lower-case domain,
 * a URL, {@code sha-256:hex} for a hash, a lower-case email address, a user id.
 */
public record Atom(Kind kind, String value) {
    public Atom {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /** The observable types gatewatch matches, with their STIX type for {@code threat.enrichments}. */
    public enum Kind {
        IPV4("ipv4-addr"),
        IPV6("ipv6-addr"),
        DOMAIN("domain-name"),
        URL("url"),
        FILE_HASH("file"),
        EMAIL("email-addr"),
        USER("user-account");

        private final String stixType;

        Kind(String stixType) {
            this.stixType = stixType;
        }

        public String stixType() {
            return stixType;
        }
    }
}
