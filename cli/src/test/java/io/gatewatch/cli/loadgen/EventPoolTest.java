package io.gatewatch.cli.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.pulse.PulseParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load generator's events: realistic (they parse as the untagged corpus does), numbered, framed. */
class EventPoolTest {
    private static final String KEY = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd";

    @Test
    void taggedBodies_parseLikeTheCorpus_andCarryTheirNumber() {
        PulseParser parser = new PulseParser();
        Corpus corpus = new Corpus(Corpus.SEED);
        Map<Corpus.Format, Integer> formats = new EnumMap<>(Corpus.Format.class);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < EventPool.SIZE; i++) {
            Corpus.Line l = corpus.nextTaggedBody(SequenceMarker.NAME, String.format(Locale.ROOT, "%012d", i));
            formats.merge(l.format(), 1, Integer::sum);
            EcsEvent e = parser.parse(l.bytes());
            int at = SequenceMarker.find(l.bytes(), 0, l.bytes().length);
            String problem = PulseParser.isUnparsed(e) ? "unparsed: " + e.getString(EcsField.ERROR_MESSAGE)
                    : !l.format().name().toLowerCase(Locale.ROOT).equals(e.getString(EcsField.PULSE_FORMAT)) ? "format"
                    : !l.code().equals(e.getString(EcsField.EVENT_CODE)) ? "event.code " + e.getString(EcsField.EVENT_CODE)
                    : at < 0 || SequenceMarker.read(l.bytes(), at) != i ? "sequence number" : null;
            if (problem != null && failures.size() < 10) {
                failures.add(problem + "\n    " + l.text());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(formats.get(Corpus.Format.WELF)).isGreaterThan(EventPool.SIZE / 2);
        assertThat(formats.get(Corpus.Format.STANDARD)).isPositive();
        assertThat(formats.get(Corpus.Format.JSON)).isPositive();
    }

    @Test
    void octetCountedSyslog_countsEachMessageExactly_withTheKey() {
        EventPool pool = EventPool.syslog(KEY, EventPool.Framing.OCTET);
        byte[] buf = new byte[pool.maxLength()];
        for (long seq : new long[] {0, 1, 4095, 4096, 123_456_789_012L}) {
            int length = pool.copy(seq, buf, 0);
            assertThat(length).isEqualTo(pool.length(seq));
            String frame = new String(buf, 0, length, StandardCharsets.UTF_8);
            int space = frame.indexOf(' ');
            assertThat(Integer.parseInt(frame.substring(0, space)))
                    .isEqualTo(frame.substring(space + 1).getBytes(StandardCharsets.UTF_8).length);
            assertThat(frame.substring(space + 1)).startsWith("<134>1 ")
                    .contains(" PulseSecure - LOG [SEKOIA@53288 intake_key=\"" + KEY + "\"] ");
            assertThat(SequenceMarker.read(buf, SequenceMarker.find(buf, 0, length))).isEqualTo(seq);
        }
    }

    @Test
    void otherFramings_andTheKeylessHeader() {
        byte[] buf = new byte[64 * 1024];
        EventPool lf = EventPool.syslog(null, EventPool.Framing.LF);
        int n = lf.copy(7, buf, 0);
        assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).startsWith("<134>1 ").contains(" LOG - ").endsWith("\n")
                .doesNotContain("SEKOIA");
        EventPool relp = EventPool.syslog(KEY, EventPool.Framing.NONE);
        n = relp.copy(7, buf, 0);
        assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).startsWith("<134>1 ").doesNotContain("\n");
        EventPool plain = EventPool.plainLines();
        n = plain.copy(7, buf, 0);
        String line = new String(buf, 0, n, StandardCharsets.UTF_8);
        assertThat(line).doesNotStartWith("<").endsWith("\n");
        assertThat(SequenceMarker.read(buf, SequenceMarker.find(buf, 0, n))).isEqualTo(7);
    }
}
