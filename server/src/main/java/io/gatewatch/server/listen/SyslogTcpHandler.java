package io.gatewatch.server.listen;

import io.gatewatch.core.frame.FrameSink;
import io.gatewatch.core.frame.SyslogFramer;
import io.gatewatch.server.ingest.Ingest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/** One syslog-over-TCP connection: RFC 6587 framing, then each frame to {@link Ingest}. */
final class SyslogTcpHandler extends ChannelInboundHandlerAdapter implements FrameSink {
    private static final Logger LOG = Logger.getLogger(SyslogTcpHandler.class.getName());

    private final Ingest ingest;
    private final String listenerIntake;
    private final SyslogFramer framer;
    private final LongAdder rejectedFrames;
    private final String listener;
    private byte[] chunk = new byte[64 * 1024];
    private String peer = "?";

    SyslogTcpHandler(Ingest ingest, String listenerIntake, int maxFrameBytes, LongAdder rejectedFrames, String listener) {
        this.listener = listener;
        this.ingest = ingest;
        this.listenerIntake = listenerIntake;
        this.framer = new SyslogFramer(maxFrameBytes);
        this.rejectedFrames = rejectedFrames;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        peer = String.valueOf(ctx.channel().remoteAddress());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            while (buf.isReadable()) {
                int n = Math.min(buf.readableBytes(), chunk.length);
                buf.readBytes(chunk, 0, n);
                framer.feed(chunk, 0, n, this);
            }
        } finally {
            buf.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        framer.end(this);
        ctx.fireChannelInactive();
    }

    @Override
    public void frame(byte[] bytes, int offset, int length) {
        ingest.accept(bytes, offset, length, listenerIntake, listener, null);
    }

    @Override
    public void rejected(String reason, long droppedBytes) {
        rejectedFrames.increment();
        ingest.metrics().rejectedFrame(listener);
        LOG.warning(listener + " from " + peer + ": dropped " + droppedBytes + " bytes: " + reason);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warning("syslog/tcp from " + peer + ": closing the connection: " + cause.getMessage());
        ctx.close();
    }
}
