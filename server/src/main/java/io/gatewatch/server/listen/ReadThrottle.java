package io.gatewatch.server.listen;

import io.gatewatch.server.ingest.Backpressure;
import io.gatewatch.server.metrics.ServerMetrics;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Stops reading a connection while the journal is behind, and reads it again once it caught up
 * ({@link Backpressure}). Pausing is turning the channel's auto-read off: the event loop goes on
 * serving every other connection (and this one's acknowledgements), while the sender's data waits
 * in the kernel's buffers and then in the sender's own queue, as TCP's flow control intends.
 *
 * <p>Sits in front of the protocol's handlers: each read is handed on first, so what was read is
 * queued whole, never dropped, and only then is the journal's state checked.
 */
@ChannelHandler.Sharable
final class ReadThrottle extends ChannelInboundHandlerAdapter {
    private final Backpressure backpressure;
    private final ServerMetrics metrics;
    private final String listener;

    ReadThrottle(Backpressure backpressure, ServerMetrics metrics, String listener) {
        this.backpressure = backpressure;
        this.metrics = metrics;
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ctx.fireChannelRead(msg);
        Channel ch = ctx.channel();
        if (ch.config().isAutoRead() && backpressure.behind()) {
            ch.config().setAutoRead(false);
            metrics.paused(listener);
            // Resumed from the journal's thread: the channel's own event loop turns reading back on.
            backpressure.pause(ch, () -> ch.eventLoop().execute(() -> {
                if (ch.isOpen()) {
                    ch.config().setAutoRead(true);
                }
            }));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        backpressure.forget(ctx.channel());
        ctx.fireChannelInactive();
    }
}
