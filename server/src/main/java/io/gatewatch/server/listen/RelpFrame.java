package io.gatewatch.server.listen;

/**
 * One RELP frame: {@code TXNR SP COMMAND SP DATALEN [SP DATA] LF} (RELP, as librelp and rsyslog's
 * omrelp speak it).
 */
record RelpFrame(long txnr, String command, byte[] data) {}
