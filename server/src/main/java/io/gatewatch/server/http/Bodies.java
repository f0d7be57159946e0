package io.gatewatch.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Request bodies: gunzipped when sent with {@code Content-Encoding: gzip}, never beyond a limit. */
final class Bodies {
    private Bodies() {}

    /**
     * The body as sent, or inflated; a body that inflates beyond {@code maxBytes} (a zip bomb, or
     * just too much) is refused with 413 before it is held in memory.
     */
    static byte[] read(byte[] raw, String contentEncoding, int maxBytes) throws HttpError {
        if (contentEncoding == null || contentEncoding.isBlank() || contentEncoding.equalsIgnoreCase("identity")) {
            return raw;
        }
        if (!contentEncoding.equalsIgnoreCase("gzip")) {
            throw new HttpError(415, "unsupported Content-Encoding '" + contentEncoding + "': send gzip or nothing");
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw), 64 * 1024)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, raw.length * 4 + 64));
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                if (out.size() + n > maxBytes) {
                    throw new HttpError(413, "the inflated body exceeds " + maxBytes + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new HttpError(400, "the body is not valid gzip: " + e.getMessage());
        }
    }
}
