package io.gatewatch.core.template;

/**
 * What a template placeholder accepts. Each mirrors the grok pattern of the same name that the
 * reference parser's templates use, so that a placeholder matches exactly where grok would.
 */
public enum Pattern {
    /** Grok DATA: any text, as short as possible. */
    DATA,
    /** Grok GREEDYDATA: any text, as long as possible. */
    GREEDY,
    /** Grok IP: IPv4 or IPv6. */
    IP,
    /** Grok NUMBER: optional sign, digits, optional fraction. */
    NUMBER,
    /** Grok MAC: {@code xx-xx-xx-xx-xx-xx}, {@code xx:xx:…} or {@code xxxx.xxxx.xxxx}. */
    MAC,
    /** Grok USERNAME: {@code [a-zA-Z0-9._-]+}. */
    USERNAME,
    /** Grok WORD: {@code \w+}. */
    WORD,
    /** Grok NOTSPACE: {@code \S+}. */
    NOTSPACE,
    /** Grok URIPATHPARAM: a path starting with {@code /}, optionally followed by {@code ?query}. */
    URIPATHPARAM,
    /** The reference's HOST_ADDRESS: an IP, or else a host name. */
    HOSTADDR
}
