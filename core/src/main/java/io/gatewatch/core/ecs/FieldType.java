package io.gatewatch.core.ecs;

/** How an ECS field is typed: drives JSON output here and index mappings in the store. */
public enum FieldType {
    /** Exact-match string. */
    KEYWORD,
    /** Full text, also searchable as a keyword. */
    TEXT,
    /** IPv4 or IPv6 address. */
    IP,
    /** 64-bit integer. */
    LONG,
    /** Instant, held as epoch milliseconds and written as RFC 3339 UTC. */
    DATE,
    /** Array of keywords. */
    KEYWORD_LIST,
    /** Array of IP addresses. */
    IP_LIST,
    /** Free-form object of string maps (syslog structured data, labels). */
    OBJECT;


    public boolean isIp() {
        return this == IP || this == IP_LIST;
    }
}
