package io.gatewatch.server.listen;

import io.gatewatch.server.ingest.Ingest;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The syslog listeners: TCP (RFC 6587 framing) and UDP, on one host, for one default intake; and
 * RELP, plain and over TLS. Every TCP connection stops reading while the journal is behind
 * ({@link ReadThrottle}); UDP drops and counts what it cannot take ({@link SyslogUdpHandler}).
 */
public final class SyslogListeners implements AutoCloseable {
    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    private final LongAdder rejectedFrames = new LongAdder();
    private Channel tcp;
    private Channel udp;
    private Channel tls;
    private Channel relp;
    private Channel relpTls;
    private final java.util.List<Channel> bound = new java.util.ArrayList<>();
    private final ConnectionLimit connections;

    /**
     * Binds the listeners; a port of 0 picks a free one, a negative port disables the listener.
     */
    public SyslogListeners(Ingest ingest, String host, int tcpPort, int udpPort, String listenerIntake,
            int maxFrameBytes) throws InterruptedException {
        this(ingest, host, tcpPort, udpPort, -1, null, listenerIntake, maxFrameBytes, DEFAULT_MAX_CONNECTIONS);
    }

    /** TCP connections open at once, over all listeners, unless configured otherwise. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1_024;

    /**
     * Also binds syslog over TLS (RFC 5425) on {@code tlsPort} when {@code tlsContext} is given:
     * the same framing as TCP, behind Netty's TLS handler. A client that does not complete the
     * handshake (plain bytes, an untrusted certificate) is disconnected; the others go on.
     */
    public SyslogListeners(Ingest ingest, String host, int tcpPort, int udpPort, int tlsPort,
            io.netty.handler.ssl.SslContext tlsContext, String listenerIntake, int maxFrameBytes, int maxConnections)
            throws InterruptedException {
        this.connections = new ConnectionLimit(maxConnections, ingest.metrics());
        try {
            if (tlsContext != null && tlsPort >= 0) {
                tls = syslogChannel(ingest, "syslog-tls", host, tlsPort, tlsContext, listenerIntake, maxFrameBytes);
            }
            if (tcpPort >= 0) {
                tcp = syslogChannel(ingest, "syslog-tcp", host, tcpPort, null, listenerIntake, maxFrameBytes);
            }
            if (udpPort >= 0) {
                udp = udpChannel(ingest, "syslog-udp", host, udpPort, listenerIntake, maxFrameBytes);
                UdpSocketDrops kernel = UdpSocketDrops.forPort(udpPort());
                if (kernel.available()) {
                    ingest.metrics().functionCounter("gatewatch_udp_kernel_drops",
                            "datagrams the kernel dropped for the syslog UDP socket (receive buffer full)", kernel::dropped);
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public int tcpPort() {
        return tcp == null ? -1 : ((InetSocketAddress) tcp.localAddress()).getPort();
    }

    /**
     * Binds a RELP listener (acknowledged delivery, as rsyslog's omrelp sends) on {@code port}.
     */
    public void bindRelp(Ingest ingest, String host, int port, String listenerIntake, int maxFrameBytes)
            throws InterruptedException {
        relp = relpChannel(ingest, "relp", host, port, null, listenerIntake, maxFrameBytes);
    }

    /** Binds RELP over TLS (the same certificates as syslog over TLS), as omrelp's {@code tls="on"} sends. */
    public void bindRelpTls(Ingest ingest, String host, int port, io.netty.handler.ssl.SslContext tlsContext,
            String listenerIntake, int maxFrameBytes) throws InterruptedException {
        relpTls = relpChannel(ingest, "relp-tls", host, port, tlsContext, listenerIntake, maxFrameBytes);
    }

    /**
     * Binds a listener of its own for one intake; returns the port it listens on. A TLS protocol
     * needs {@code tlsContext}. The metrics name it by protocol and configured port.
     */
    public int bind(Ingest ingest, String host, BoundListener l, io.netty.handler.ssl.SslContext tlsContext,
            int maxFrameBytes) throws InterruptedException {
        if (l.protocol().tls() && tlsContext == null) {
            throw new IllegalArgumentException("listener " + l + " needs the syslog TLS certificate and key");
        }
        String name = l.metricName();
        Channel ch = switch (l.protocol()) {
            case TCP, TLS -> syslogChannel(ingest, name, host, l.port(), l.protocol().tls() ? tlsContext : null,
                    l.intake(), maxFrameBytes);
            case UDP -> udpChannel(ingest, name, host, l.port(), l.intake(), maxFrameBytes);
            case RELP, RELP_TLS -> relpChannel(ingest, name, host, l.port(), l.protocol().tls() ? tlsContext : null,
                    l.intake(), maxFrameBytes);
        };
        bound.add(ch);
        return ((InetSocketAddress) ch.localAddress()).getPort();
    }

    public int relpTlsPort() {
        return relpTls == null ? -1 : ((InetSocketAddress) relpTls.localAddress()).getPort();
    }

    /** Syslog over TCP (RFC 6587 framing), behind TLS when a context is given. */
    private Channel syslogChannel(Ingest ingest, String listener, String host, int port,
            io.netty.handler.ssl.SslContext tlsContext, String listenerIntake, int maxFrameBytes) throws InterruptedException {
        return tcpListener(ingest, listener, host, port, tlsContext, ch -> ch.pipeline().addLast(
                new SyslogTcpHandler(ingest, listenerIntake, maxFrameBytes, rejectedFrames, listener)));
    }

    private Channel udpChannel(Ingest ingest, String listener, String host, int port, String listenerIntake, int maxFrameBytes)
            throws InterruptedException {
        return new Bootstrap()
                .group(workers)
                .channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .option(ChannelOption.RCVBUF_ALLOCATOR,
                        new FixedRecvByteBufAllocator(SyslogUdpHandler.readBufferBytes(maxFrameBytes)))
                .handler(new SyslogUdpHandler(ingest, listenerIntake, maxFrameBytes, rejectedFrames, listener))
                .bind(host, port).sync().channel();
    }

    private Channel relpChannel(Ingest ingest, String listener, String host, int port,
            io.netty.handler.ssl.SslContext tlsContext, String listenerIntake, int maxFrameBytes) throws InterruptedException {
        return tcpListener(ingest, listener, host, port, tlsContext, ch -> ch.pipeline().addLast(
                new RelpDecoder(maxFrameBytes + 1024), new RelpHandler(ingest, listenerIntake, listener)));
    }

    /**
     * A TCP listener whose connections get {@code handlers}, behind TLS when a context is given,
     * and behind a {@link ReadThrottle} that pauses them while the journal is behind.
     */
    private Channel tcpListener(Ingest ingest, String listener, String host, int port,
            io.netty.handler.ssl.SslContext tlsContext, java.util.function.Consumer<SocketChannel> handlers)
            throws InterruptedException {
        ReadThrottle throttle = new ReadThrottle(ingest.backpressure(), ingest.metrics(), listener);
        io.netty.channel.ChannelHandler gate = connections.forListener(listener);
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(gate);
                        if (tlsContext != null) {
                            ch.pipeline().addLast(tlsContext.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(throttle);
                        handlers.accept(ch);
                    }
                })
                .bind(host, port).sync().channel();
    }

    public int relpPort() {
        return relp == null ? -1 : ((InetSocketAddress) relp.localAddress()).getPort();
    }

    public int tlsPort() {
        return tls == null ? -1 : ((InetSocketAddress) tls.localAddress()).getPort();
    }

    public int udpPort() {
        return udp == null ? -1 : ((InetSocketAddress) udp.localAddress()).getPort();
    }

    /** TCP connections open now, over all listeners. */
    public int openConnections() {
        return connections.open();
    }

    /** Frames dropped for their framing or size. */
    public long rejectedFrames() {
        return rejectedFrames.sum();
    }

    /** Stops accepting, then lets the open connections finish what they already received. */
    @Override
    public void close() {
        if (tcp != null) {
            tcp.close().syncUninterruptibly();
        }
        if (udp != null) {
            udp.close().syncUninterruptibly();
        }
        if (tls != null) {
            tls.close().syncUninterruptibly();
        }
        if (relp != null) {
            relp.close().syncUninterruptibly();
        }
        if (relpTls != null) {
            relpTls.close().syncUninterruptibly();
        }
        for (Channel ch : bound) {
            ch.close().syncUninterruptibly();
        }
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
