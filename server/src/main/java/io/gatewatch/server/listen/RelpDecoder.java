package io.gatewatch.server.listen;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Cuts RELP frames out of a connection's bytes, with bounds on every field so that garbage or a
 * hostile peer costs a closed connection, never memory: a transaction number of at most 9 digits,
 * a command of at most 32 letters, data of at most {@code maxDataBytes}.
 */
final class RelpDecoder extends ByteToMessageDecoder {
    private final int maxDataBytes;

    RelpDecoder(int maxDataBytes) {
        this.maxDataBytes = maxDataBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            int end = in.writerIndex();
            int i = start;
            // TXNR
            long txnr = 0;
            int digits = 0;
            while (i < end && isDigit(in.getByte(i))) {
                txnr = txnr * 10 + (in.getByte(i) - '0');
                i++;
                if (++digits > 9) {
                    throw new DecoderException("RELP: transaction number too long");
                }
            }
            if (i == end) {
                return;
            }
            if (digits == 0 || in.getByte(i) != ' ') {
                throw new DecoderException("RELP: expected a transaction number");
            }
            i++;
            // COMMAND
            int commandStart = i;
            while (i < end && isLetter(in.getByte(i))) {
                if (i - commandStart >= 32) {
                    throw new DecoderException("RELP: command too long");
                }
                i++;
            }
            if (i == end) {
                return;
            }
            if (i == commandStart || in.getByte(i) != ' ') {
                throw new DecoderException("RELP: expected a command");
            }
            String command = in.toString(commandStart, i - commandStart, StandardCharsets.US_ASCII);
            i++;
            // DATALEN
            long length = 0;
            digits = 0;
            while (i < end && isDigit(in.getByte(i))) {
                length = length * 10 + (in.getByte(i) - '0');
                i++;
                if (++digits > 9) {
                    throw new DecoderException("RELP: data length too long");
                }
            }
            if (i == end) {
                return;
            }
            if (digits == 0) {
                throw new DecoderException("RELP: expected a data length");
            }
            if (length > maxDataBytes) {
                throw new DecoderException("RELP: frame of " + length + " bytes exceeds the " + maxDataBytes + "-byte limit");
            }
            byte[] data = new byte[(int) length];
            if (length > 0) {
                if (in.getByte(i) != ' ') {
                    throw new DecoderException("RELP: expected a space before the data");
                }
                i++;
                if (end - i < length + 1) {
                    return;
                }
                in.getBytes(i, data);
                i += (int) length;
            } else if (end - i < 1) {
                return;
            }
            if (in.getByte(i) != '\n') {
                throw new DecoderException("RELP: frame not ended by LF");
            }
            in.readerIndex(i + 1);
            out.add(new RelpFrame(txnr, command, data));
        }
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isLetter(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }
}
