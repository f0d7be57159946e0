package io.gatewatch.cli;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.ecs.EcsJsonWriter;
import io.gatewatch.core.ecs.JsonOutput;
import io.gatewatch.core.pulse.PulseParser;
import io.gatewatch.core.pulse.TimePolicy;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Parses a batch of lines into JSON lines and counts them; one per thread. */
final class BatchParser {
    /** What a batch produced: its JSON lines, and its counts for the summary. */
    record Result(byte[] json, int length, long lines, long unparsed, Map<String, Long> formats) {}

    private final PulseParser parser;
    private final boolean pretty;
    private final JsonOutput out = new JsonOutput(1 << 16);

    BatchParser(TimePolicy policy, boolean pretty) {
        this.parser = new PulseParser(policy);
        this.pretty = pretty;
    }

    Result parse(Batch batch) {
        out.reset();
        long unparsed = 0;
        Map<String, Long> formats = new TreeMap<>();
        for (int i = 0; i < batch.count; i++) {
            EcsEvent e = parser.parse(batch.bytes, batch.starts[i], batch.lengths[i]);
            if (PulseParser.isUnparsed(e)) {
                unparsed++;
            }
            String format = e.getString(EcsField.PULSE_FORMAT);
            formats.merge(format == null ? "unknown" : format, 1L, Long::sum);
            if (pretty) {
                EcsJsonWriter.writePretty(e, out);
            } else {
                EcsJsonWriter.write(e, out);
            }
            out.raw((byte) '\n');
        }
        return new Result(Arrays.copyOf(out.buffer(), out.length()), out.length(), batch.count, unparsed, formats);
    }
}
