package io.gatewatch.cli.loadgen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** One connection of a run: sends until the run's sequence numbers run out, counting as it goes. */
interface Sender {
    /** How long a connection may take to open. */
    int CONNECT_TIMEOUT_MILLIS = 10_000;

    /** Sends; every failure is counted in the run's {@link Counters}, never thrown. */
    void run();

    /** Acknowledgement latencies, or null for a protocol without acknowledgements. */
    LatencyHistogram latencies();

    static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address, CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }
}
