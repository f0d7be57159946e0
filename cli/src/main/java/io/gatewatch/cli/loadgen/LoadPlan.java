package io.gatewatch.cli.loadgen;

import java.time.Duration;

/**
 * What one run sends, and where.
 *
 * @param key the intake key; null sends syslog without structured data (the listener's intake)
 * @param framing how syslog over TCP delimits messages (TCP only)
 * @param window RELP transactions unanswered at most, per connection
 * @param batch events per HTTP request
 * @param rate events per second over all connections; 0 for as fast as possible
 * @param count events to send, or 0 to send for {@code duration}
 * @param reportEvery how often a progress line is printed
 */
record LoadPlan(Protocol protocol, String host, int port, String key, EventPool.Framing framing, int window,
        int batch, long rate, long count, Duration duration, int connections, Duration reportEvery) {}
