package io.gatewatch.server.listen;

import io.gatewatch.server.ingest.Ingest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.util.concurrent.atomic.LongAdder;

/** Syslog over UDP: one datagram, one event (RFC 5426), less a trailing LF. */
final class SyslogUdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final Ingest ingest;
    private final String listenerIntake;
    private final int maxFrameBytes;
    private final LongAdder rejectedFrames;

    SyslogUdpHandler(Ingest ingest, String listenerIntake, int maxFrameBytes, LongAdder rejectedFrames) {
        this.ingest = ingest;
        this.listenerIntake = listenerIntake;
        this.maxFrameBytes = maxFrameBytes;
        this.rejectedFrames = rejectedFrames;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) throws InterruptedException {
        ByteBuf buf = packet.content();
        int length = buf.readableBytes();
        if (length > maxFrameBytes) {
            rejectedFrames.increment();
            ingest.metrics().rejectedFrame("syslog-udp");
            return;
        }
        byte[] bytes = new byte[length];
        buf.readBytes(bytes);
        while (length > 0 && (bytes[length - 1] == '\n' || bytes[length - 1] == '\r' || bytes[length - 1] == 0)) {
            length--;
        }
        if (length > 0) {
            ingest.accept(bytes, 0, length, listenerIntake, "syslog-udp", null);
        }
    }
}
