package io.gatewatch.core.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SyslogFramerTest {
    /** Collects frames and rejections. */
    static final class Collect implements FrameSink {
        final List<String> frames = new ArrayList<>();
        final List<String> rejected = new ArrayList<>();
        long droppedBytes;

        @Override
        public void frame(byte[] bytes, int offset, int length) {
            frames.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
        }

        @Override
        public void rejected(String reason, long dropped) {
            rejected.add(reason);
            droppedBytes += dropped;
        }
    }

    static Collect feed(String stream, int chunk, int max) {
        byte[] b = stream.getBytes(StandardCharsets.UTF_8);
        SyslogFramer f = new SyslogFramer(max);
        Collect c = new Collect();
        for (int i = 0; i < b.length; i += chunk) {
            f.feed(b, i, Math.min(chunk, b.length - i), c);
        }
        f.end(c);
        return c;
    }

    @Test
    void lfTerminatedLines_withCrLfAndBlankLines() {
        Collect c = feed("<134>Oct 19 a\r\n\n<134>Oct 19 b\n<13>last without LF", 1000, 1024);
        assertThat(c.frames).containsExactly("<134>Oct 19 a", "<134>Oct 19 b", "<13>last without LF");
        assertThat(c.rejected).isEmpty();
    }

    @Test
    void octetCountedFrames_withAndWithoutATrailingLf_andLinesInside() {
        String m1 = "<134>1 - h a - - - id=firewall msg=\"x\ny\"";
        String m2 = "<14>1 - h a - - - two";
        Collect c = feed(m1.getBytes(StandardCharsets.UTF_8).length + " " + m1 + "\n" + m2.length() + " " + m2, 7, 1024);
        assertThat(c.frames).containsExactly(m1, m2);
    }

    @Test
    void aLineThatStartsWithADigit_isStillALine() {
        Collect c = feed("2021-04-08 11:20:26 - ive - [127.0.0.1] System()[] - x\n", 1000, 1024);
        assertThat(c.frames).containsExactly("2021-04-08 11:20:26 - ive - [127.0.0.1] System()[] - x");
    }

    @Test
    void oversizedFrames_areDroppedAndReported_andFramingGoesOn() {
        String big = "<13>" + "x".repeat(100);
        Collect lines = feed("<13>ok\n" + big + "\n<13>after\n", 5, 64);
        assertThat(lines.frames).containsExactly("<13>ok", "<13>after");
        assertThat(lines.rejected).containsExactly("frame longer than 64 bytes");
        assertThat(lines.droppedBytes).isGreaterThanOrEqualTo(big.length());

        Collect counted = feed("500 " + "y".repeat(500) + "\n<13>after\n", 9, 64);
        assertThat(counted.frames).contains("<13>after");
        assertThat(counted.rejected).containsExactly("octet count 500 over the 64-byte limit");
    }

    @Test
    void aStreamCutInsideACountedFrame_isReported() {
        Collect c = feed("40 <13>short", 3, 1024);
        assertThat(c.frames).isEmpty();
        assertThat(c.rejected).containsExactly("stream ended inside an octet-counted frame");
    }

    @Test
    void aLineArrivingOneByteAtATime_isFramedOnce() {
        String line = "<13>" + "z".repeat(5000);
        Collect c = feed(line + "\n" + line + "\n", 1, 8192);
        assertThat(c.frames).containsExactly(line, line);
    }

    @Test
    void tooSmallALimit_isRefused() {
        assertThatThrownBy(() -> new SyslogFramer(4)).hasMessageContaining("at least 16");
    }

    @Provide
    Arbitrary<List<String>> messages() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('é', '中', '\t')
                .ofMinLength(1).ofMaxLength(300)
                .map(s -> "<13>" + s.strip())
                .list().ofMinSize(1).ofMaxSize(30);
    }

    /** Any mix of framings, cut anywhere, gives back exactly the messages sent. */
    @Property(tries = 400)
    void anyFramingMix_cutAnywhere_roundTrips(@ForAll("messages") List<String> messages,
            @ForAll @IntRange(min = 1, max = 97) int chunk, @ForAll long seed) {
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String m : messages) {
            byte[] b = m.getBytes(StandardCharsets.UTF_8);
            switch (random.nextInt(4)) {
                case 0 -> out.writeBytes((m + "\n").getBytes(StandardCharsets.UTF_8));
                case 1 -> out.writeBytes((m + "\r\n").getBytes(StandardCharsets.UTF_8));
                case 2 -> {
                    out.writeBytes((b.length + " ").getBytes(StandardCharsets.US_ASCII));
                    out.writeBytes(b);
                }
                default -> {
                    out.writeBytes((b.length + " ").getBytes(StandardCharsets.US_ASCII));
                    out.writeBytes(b);
                    out.write('\n');
                }
            }
        }
        byte[] stream = out.toByteArray();
        SyslogFramer f = new SyslogFramer(4096);
        Collect c = new Collect();
        for (int i = 0; i < stream.length; i += chunk) {
            f.feed(stream, i, Math.min(chunk, stream.length - i), c);
        }
        f.end(c);
        assertThat(c.rejected).isEmpty();
        assertThat(c.frames).isEqualTo(messages);
    }

    /** Garbage never throws, and no frame is longer than the limit. */
    @Property(tries = 500)
    void anyBytes_neverThrow_andRespectTheLimit(@ForAll @Size(max = 2000) byte[] bytes,
            @ForAll @IntRange(min = 1, max = 64) int chunk) {
        SyslogFramer f = new SyslogFramer(100);
        List<Integer> lengths = new ArrayList<>();
        FrameSink sink = new FrameSink() {
            @Override
            public void frame(byte[] b, int offset, int length) {
                lengths.add(length);
            }

            @Override
            public void rejected(String reason, long droppedBytes) {
                assertThat(reason).isNotBlank();
            }
        };
        for (int i = 0; i < bytes.length; i += chunk) {
            f.feed(bytes, i, Math.min(chunk, bytes.length - i), sink);
        }
        f.end(sink);
        assertThat(lengths).allMatch(n -> n > 0 && n <= 100);
    }
}
