package io.gatewatch.core.pulse;

/**
 * The attributes of one PCS/ICS log line, whichever of the three formats it came in, named after
 * the WELF keys. Each format reader fills what its format carries; {@link PulseNormalizer} turns
 * the record into ECS, so that the same event gives the same ECS in every format.
 *
 * <p>Reused across lines by one parser; not thread-safe.
 */
final class PulseRecord {
    static final long NO_TIME = Long.MIN_VALUE;

    LogFormat format;
    String time;
    /** Epoch milliseconds when the format carries a true instant (the JSON format's epoch). */
    long epochMillis = NO_TIME;
    String pri;
    String fw;
    String vpn;
    String ivs;
    String user;
    String realm;
    String roles;
    String proto;
    String src;
    String dst;
    String dstname;
    String type;
    String op;
    String arg;
    String result;
    String sent;
    String rcvd;
    String agent;
    String duration;
    String sessionId;
    String sessionIdShort;
    String macaddr;
    String severityName;
    /** The message code: WELF {@code msg} up to its first {@code :}, or JSON {@code message_id}. */
    String code;
    /**
     * The rest of {@code msg} after its first {@code :}, leading space kept (the reference's
     * {@code event.reason}); null when {@code msg} has no colon.
     */
    String rest;
    /** The message text when the format carries no code (Standard): the catalog recovers it. */
    String uncodedText;

    void reset(LogFormat f) {
        format = f;
        time = null;
        epochMillis = NO_TIME;
        pri = null;
        fw = null;
        vpn = null;
        ivs = null;
        user = null;
        realm = null;
        roles = null;
        proto = null;
        src = null;
        dst = null;
        dstname = null;
        type = null;
        op = null;
        arg = null;
        result = null;
        sent = null;
        rcvd = null;
        agent = null;
        duration = null;
        sessionId = null;
        sessionIdShort = null;
        macaddr = null;
        severityName = null;
        code = null;
        rest = null;
        uncodedText = null;
    }
}
