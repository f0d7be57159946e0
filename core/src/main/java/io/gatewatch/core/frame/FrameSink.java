package io.gatewatch.core.frame;

/** Receives what a {@link SyslogFramer} cuts out of a stream. */
public interface FrameSink {
    /** One complete frame: {@code bytes[offset, offset + length)}, valid only during the call. */
    void frame(byte[] bytes, int offset, int length);

    /** Bytes that could not be framed and were dropped, and why (a count that is not a number, a frame over the limit). */
    void rejected(String reason, long droppedBytes);
}
