package io.gatewatch.server.listen;

import io.gatewatch.server.ingest.Ingest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.util.concurrent.atomic.LongAdder;

/**
 * Syslog over UDP: one datagram, one event (RFC 5426), less a trailing LF.
 *
 * <p>UDP cannot be paused nor told to retry: a datagram that cannot be taken is dropped, and
 * counted by reason in {@code gatewatch_udp_dropped_total}: {@code queue_full} (the journal is
 * behind), {@code oversized} (over the largest event; the read buffer is one byte larger than
 * that, so that a longer datagram shows, rather than being silently cut by the kernel to the
 * buffer's size), {@code empty} (nothing but line ends).
 */
final class SyslogUdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final Ingest ingest;
    private final String listenerIntake;
    private final String listener;
    private final int maxFrameBytes;
    private final LongAdder rejectedFrames;

    SyslogUdpHandler(Ingest ingest, String listenerIntake, int maxFrameBytes, LongAdder rejectedFrames, String listener) {
        this.listener = listener;
        this.ingest = ingest;
        this.listenerIntake = listenerIntake;
        this.maxFrameBytes = maxFrameBytes;
        this.rejectedFrames = rejectedFrames;
    }

    /** The receive buffer for one datagram: room to see that one is too long, within UDP's 64 KiB. */
    static int readBufferBytes(int maxFrameBytes) {
        return Math.min(maxFrameBytes + 1, 65_536);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf buf = packet.content();
        int length = buf.readableBytes();
        if (length > maxFrameBytes) {
            rejectedFrames.increment();
            ingest.metrics().rejectedFrame(listener);
            ingest.metrics().udpDropped("oversized");
            return;
        }
        if (ingest.backpressure().full()) {
            ingest.metrics().udpDropped("queue_full");
            return;
        }
        byte[] bytes = new byte[length];
        buf.readBytes(bytes);
        while (length > 0 && (bytes[length - 1] == '\n' || bytes[length - 1] == '\r' || bytes[length - 1] == 0)) {
            length--;
        }
        if (length == 0) {
            ingest.metrics().udpDropped("empty");
            return;
        }
        ingest.accept(bytes, 0, length, listenerIntake, listener, null);
    }
}
