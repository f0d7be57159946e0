package io.gatewatch.server.listen;

import io.gatewatch.server.metrics.ServerMetrics;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Bounds the TCP connections of all listeners together. Each connection may hold a partial frame
 * of up to the largest event, so the count is what bounds that memory; senders on an untrusted
 * network could otherwise open connections until the process runs out of it. A connection over the
 * limit is closed at once, before TLS or any byte is read, and counted.
 */
final class ConnectionLimit {
    private static final Logger LOG = Logger.getLogger(ConnectionLimit.class.getName());
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;

    private final int max;
    private final ServerMetrics metrics;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong nextLog = new AtomicLong(System.nanoTime());

    ConnectionLimit(int max, ServerMetrics metrics) {
        if (max < 1) {
            throw new IllegalArgumentException("the connection limit must be at least 1, not " + max);
        }
        this.max = max;
        this.metrics = metrics;
    }

    /** Takes the connection if there is room; otherwise closes it and returns false. */
    boolean admit(ChannelHandlerContext ctx, String listener) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            metrics.connectionRefused(listener);
            long now = System.nanoTime();
            long next = nextLog.get();
            // One line a minute at most: a flood of connections must not become a flood of log lines.
            if (now - next >= 0 && nextLog.compareAndSet(next, now + LOG_EVERY_NANOS)) {
                LOG.warning(listener + ": " + max + " connections open, the limit: closing new ones from "
                        + ctx.channel().remoteAddress() + " and others (limits.max_connections)");
            }
            ctx.close();
            return false;
        }
        ctx.channel().closeFuture().addListener(f -> open.decrementAndGet());
        return true;
    }

    int open() {
        return open.get();
    }

    /** The handler a listener puts first in each connection's pipeline. */
    ChannelHandler forListener(String listener) {
        return new Gate(listener);
    }

    @ChannelHandler.Sharable
    private final class Gate extends ChannelInboundHandlerAdapter {
        private final String listener;

        Gate(String listener) {
            this.listener = listener;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (admit(ctx, listener)) {
                ctx.pipeline().remove(this);
                ctx.fireChannelActive();
            }
        }
    }
}
