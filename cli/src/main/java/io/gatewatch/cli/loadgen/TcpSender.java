package io.gatewatch.cli.loadgen;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Syslog over TCP (RFC 6587, octet-counted or LF-terminated frames): no acknowledgements, so at
 * the end it half-closes and waits for the server to close in turn, which it does once it has
 * read every byte.
 */
final class TcpSender implements Sender {
    /** Sequence numbers claimed at a time: few enough that connections share the tail of a --count. */
    private static final int BLOCK = 256;
    private static final int CLOSE_WAIT_MILLIS = 60_000;

    private final InetSocketAddress address;
    private final EventPool pool;
    private final SequenceNumbers numbers;
    private final Pacer pacer;
    private final Counters counters;

    TcpSender(InetSocketAddress address, EventPool pool, SequenceNumbers numbers, Pacer pacer, Counters counters) {
        this.address = address;
        this.pool = pool;
        this.numbers = numbers;
        this.pacer = pacer;
        this.counters = counters;
    }

    @Override
    public void run() {
        SendBuffer out = null;
        try (Socket socket = Sender.connect(address)) {
            out = new SendBuffer(socket.getOutputStream(), counters, pool.maxLength());
            for (SequenceNumbers.Block b; (b = numbers.claim(BLOCK)) != null; ) {
                long wait = pacer.delayFor(b.size());
                if (wait > 0) {
                    out.flush();
                    LockSupport.parkNanos(wait);
                }
                for (long seq = b.first(), end = b.first() + b.size(); seq < end; seq++) {
                    out.reserve(pool.length(seq));
                    out.putEvent(pool, seq);
                }
            }
            out.flush();
            socket.shutdownOutput();
            awaitClose(socket);
        } catch (IOException e) {
            counters.fail("tcp " + address + ": " + e.getMessage(), out == null ? 0 : out.unsentEvents());
        }
    }

    /** Reads until the server closes: it has then taken everything this connection sent. */
    private static void awaitClose(Socket socket) throws IOException {
        socket.setSoTimeout(CLOSE_WAIT_MILLIS);
        InputStream in = socket.getInputStream();
        byte[] sink = new byte[512];
        try {
            while (in.read(sink) >= 0) {
                // a syslog server sends nothing; read until its end of stream
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("the server did not close the connection within " + CLOSE_WAIT_MILLIS / 1000
                    + " s of the end of the stream", e);
        }
    }

    @Override
    public LatencyHistogram latencies() {
        return null;
    }
}
