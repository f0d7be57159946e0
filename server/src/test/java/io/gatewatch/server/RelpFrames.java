package io.gatewatch.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The client side of RELP framing for tests that speak to a server by hand: shared with the CLI's tests. */
public final class RelpFrames {
    private RelpFrames() {}

    /** Writes "TXNR COMMAND LEN[ DATA]\n" (no space before the LF when there is no data). */
    public static void frame(OutputStream out, long txnr, String command, String data) throws IOException {
        byte[] d = data.getBytes(StandardCharsets.UTF_8);
        out.write((txnr + " " + command + " " + d.length + (d.length > 0 ? " " : "")).getBytes(StandardCharsets.US_ASCII));
        out.write(d);
        out.write('\n');
    }

    /** Reads one response frame, "TXNR rsp LEN DATA" (DATA may hold LFs; LEN says how much); null at end of stream. */
    public static String response(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int spaces = 0;
        while (spaces < 3) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            if (c == ' ') {
                spaces++;
            }
            head.append((char) c);
            if (spaces == 2 && c == '0' && head.toString().endsWith(" 0")) {
                in.read(); // LF after an empty response
                return head.toString();
            }
        }
        int length = Integer.parseInt(head.toString().trim().split(" ")[2]);
        byte[] d = in.readNBytes(length);
        in.read(); // LF
        return head + new String(d, StandardCharsets.UTF_8);
    }
}
