package io.gatewatch.alerts;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Forwards every new alert as a CEF syslog line to a SIEM: over TCP, one line per alert
 * (RFC 6587 newline framing, the connection kept and reopened after a failure), or over UDP, one
 * datagram per alert.
 */
final class CefDelivery implements AlertNotifier.Delivery {
    private final AlertSettings.Cef target;
    private final String hostname;
    private Socket socket;
    private OutputStream out;

    CefDelivery(AlertSettings.Cef target) {
        this.target = target;
        String h;
        try {
            h = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            h = "-";
        }
        this.hostname = h.isEmpty() ? "-" : h;
    }

    @Override
    public String target(StoredAlert alert) {
        return (target.udp() ? "udp://" : "tcp://") + target.host() + ":" + target.port();
    }

    @Override
    public void send(StoredAlert alert) throws IOException {
        byte[] line = CefFormat.line(alert, hostname).getBytes(StandardCharsets.UTF_8);
        if (target.udp()) {
            try (DatagramSocket udp = new DatagramSocket()) {
                udp.send(new DatagramPacket(line, line.length, new InetSocketAddress(target.host(), target.port())));
            }
            return;
        }
        try {
            if (socket == null) {
                socket = new Socket();
                socket.connect(new InetSocketAddress(target.host(), target.port()), 10_000);
                out = socket.getOutputStream();
            }
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            close(); // the next attempt reconnects
            throw e;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection: nothing left to do
            }
            socket = null;
            out = null;
        }
    }
}
