package io.gatewatch.cli.loadgen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * RELP as rsyslog's {@code omrelp} speaks it: {@code open}, then one {@code syslog} transaction per
 * event with at most {@code window} of them unanswered, then {@code close}. A reader thread takes
 * the answers, which come in transaction order: a 200 acknowledges the event and gives its latency
 * (from the moment it was queued for sending), anything else refuses it. When the connection
 * breaks, the events still unanswered count as failed: their fate is unknown.
 */
final class RelpSender implements Sender {
    private static final int BLOCK = 256;
    /** How long the last answers may take once everything is sent. */
    private static final long ANSWER_TIMEOUT_SECONDS = 60;
    /** Transaction numbers have at most 9 digits (librelp's rule): after the largest comes 1 again. */
    private static final long MAX_TXNR = 999_999_999L;
    private static final byte[] OPEN = " open ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OFFERS = "relp_version=0\nrelp_software=gatewatch-loadgen\ncommands=syslog"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SYSLOG = " syslog ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = " close ".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress address;
    private final EventPool pool;
    private final SequenceNumbers numbers;
    private final Pacer pacer;
    private final Counters counters;
    private final int window;
    private final LatencyHistogram latencies = new LatencyHistogram();
    /** When each unanswered event was queued, by its index modulo the window. */
    private final long[] queuedAt;
    private final Semaphore room;
    /** Events queued for sending so far. */
    private volatile long queued;
    /** The transaction rank of the close, once sent (the open is rank 1, event i is rank i + 2). */
    private volatile long closeRank;
    /** Why the connection broke, or null. */
    private volatile String broken;

    RelpSender(InetSocketAddress address, EventPool pool, SequenceNumbers numbers, Pacer pacer, Counters counters,
            int window) {
        this.address = address;
        this.pool = pool;
        this.numbers = numbers;
        this.pacer = pacer;
        this.counters = counters;
        this.window = window;
        this.queuedAt = new long[window];
        this.room = new Semaphore(window);
    }

    @Override
    public void run() {
        Socket socket;
        try {
            socket = Sender.connect(address);
        } catch (IOException e) {
            counters.fail(where() + e.getMessage(), 0);
            return;
        }
        try {
            session(socket);
        } catch (IOException e) {
            counters.fail(where() + e.getMessage(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to send or to read
            }
        }
    }

    private void session(Socket socket) throws IOException, InterruptedException {
        SendBuffer out = new SendBuffer(socket.getOutputStream(), counters, pool.maxLength() + 64);
        RelpResponses in = new RelpResponses(socket.getInputStream());
        frame(out, 1, OPEN, OFFERS);
        out.flush();
        RelpResponses.Response opened = in.next();
        if (opened == null || opened.txnr() != 1 || !opened.ok()) {
            throw new IOException("open refused: " + (opened == null ? "connection closed" : opened.text()));
        }
        Thread reader = Thread.ofPlatform().name("loadgen-relp-answers").daemon().start(() -> readAnswers(in));
        try {
            send(out);
            close(out);
            reader.join(TimeUnit.SECONDS.toMillis(ANSWER_TIMEOUT_SECONDS));
            if (reader.isAlive()) {
                breakOff("no answer to close within " + ANSWER_TIMEOUT_SECONDS + " s");
            }
        } catch (IOException e) {
            breakOff(e.getMessage());
        } finally {
            socket.close(); // ends the reader if it still waits
            reader.join();
        }
    }

    private void send(SendBuffer out) throws IOException, InterruptedException {
        long events = 0;
        for (SequenceNumbers.Block b; broken == null && (b = numbers.claim(BLOCK)) != null; ) {
            long wait = pacer.delayFor(b.size());
            if (wait > 0) {
                out.flush();
                LockSupport.parkNanos(wait);
            }
            for (long seq = b.first(), end = b.first() + b.size(); seq < end; seq++) {
                if (!room.tryAcquire()) {
                    out.flush(); // the server answers only what it has: send before waiting
                    room.acquire();
                }
                if (broken != null) {
                    return;
                }
                int length = pool.length(seq);
                out.reserve(length + 32);
                queuedAt[(int) (events % window)] = System.nanoTime();
                out.putDecimal(txnr(events + 2));
                out.put(SYSLOG);
                out.putDecimal(length);
                out.put((byte) ' ');
                out.putEvent(pool, seq);
                out.put((byte) '\n');
                queued = ++events;
            }
        }
        out.flush();
    }

    /** Once every event is answered, closes the session, as omrelp does. */
    private void close(SendBuffer out) throws IOException, InterruptedException {
        if (!room.tryAcquire(window, ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IOException((window - room.availablePermits()) + " events unanswered "
                    + ANSWER_TIMEOUT_SECONDS + " s after the last was sent");
        }
        if (broken != null) {
            return;
        }
        long rank = queued + 2;
        closeRank = rank;
        frame(out, txnr(rank), CLOSE, new byte[0]);
        out.flush();
    }

    private static void frame(SendBuffer out, long txnr, byte[] command, byte[] data) throws IOException {
        out.reserve(32 + data.length);
        out.putDecimal(txnr);
        out.put(command);
        out.putDecimal(data.length);
        if (data.length > 0) {
            out.put((byte) ' ');
            out.put(data);
        }
        out.put((byte) '\n');
    }

    /** Takes answers until the one to close; anything else that ends them is a broken connection. */
    private void readAnswers(RelpResponses in) {
        long answered = 0;
        try {
            for (RelpResponses.Response r; (r = in.next()) != null; ) {
                long rank = answered + 2;
                if (rank == closeRank) {
                    return;
                }
                if (answered >= queued) { // also makes the sender's queuedAt writes visible here
                    throw new IOException("answer to transaction " + r.txnr() + ", which was not sent");
                }
                if (r.txnr() != txnr(rank)) {
                    throw new IOException("answer to transaction " + r.txnr() + " where " + txnr(rank) + " was due");
                }
                latencies.recordNanos(System.nanoTime() - queuedAt[(int) (answered % window)]);
                if (r.ok()) {
                    counters.acked.increment();
                } else {
                    counters.fail(where() + r.text(), 1);
                }
                answered++;
                room.release();
            }
            breakOff("the server closed the connection");
        } catch (IOException e) {
            breakOff(e.getMessage());
        } finally {
            if (broken != null) {
                counters.fail(where() + broken, queued - answered);
            }
        }
    }

    /** Records why the connection broke (the first reason) and wakes the sender if it waits for room. */
    private synchronized void breakOff(String reason) {
        if (broken == null) {
            broken = reason;
            room.release(window);
        }
    }

    private String where() {
        return "relp " + address + ": ";
    }

    private static long txnr(long rank) {
        return (rank - 1) % MAX_TXNR + 1;
    }

    @Override
    public LatencyHistogram latencies() {
        return latencies;
    }
}
