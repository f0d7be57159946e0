package io.gatewatch.bench;

import io.gatewatch.cli.loadgen.Corpus;
import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.ecs.Utf8Text;
import io.gatewatch.core.pulse.PulseParser;
import io.gatewatch.detect.sigma.BuiltinRules;
import io.gatewatch.detect.sigma.RuleFile;
import io.gatewatch.detect.sigma.RuleSet;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What {@link DetectBench} runs on: the mixed corpus ({@link Corpus}, fixed seed) parsed once into
 * events, and the rule sets by name: {@code builtin} (the shipped pack) or a number of rules made
 * by {@link SigmaRuleGenerator}.
 *
 * <p>The events are reused round after round, but {@code message} and {@code event.original}
 * decode their UTF-8 bytes into a String the first time someone reads them and keep it. In the
 * pipeline every event is new, so detection pays that decoding whenever a rule reads those
 * fields; {@link #event(int)} hands each event out with fresh, undecoded text (same bytes) so that
 * the benchmark pays it too.
 */
final class DetectWorkload {
    /** Events in the corpus, cycled through. */
    static final int EVENTS = 10_000;

    private final EcsEvent[] events;
    private final byte[][] message;
    private final byte[][] original;

    DetectWorkload() {
        List<byte[]> lines = Corpus.mixed(EVENTS);
        PulseParser parser = new PulseParser();
        events = new EcsEvent[lines.size()];
        message = new byte[lines.size()][];
        original = new byte[lines.size()][];
        for (int i = 0; i < events.length; i++) {
            byte[] line = lines.get(i);
            events[i] = parser.parse(line, 0, line.length);
            message[i] = textBytes(events[i], EcsField.MESSAGE);
            original[i] = textBytes(events[i], EcsField.EVENT_ORIGINAL);
        }
    }

    int size() {
        return events.length;
    }

    /** Event {@code i}, its raw text not yet decoded. */
    EcsEvent event(int i) {
        EcsEvent e = events[i];
        if (message[i] != null) {
            e.setText(EcsField.MESSAGE, new Utf8Text(message[i], 0, message[i].length));
        }
        if (original[i] != null) {
            e.setText(EcsField.EVENT_ORIGINAL, new Utf8Text(original[i], 0, original[i].length));
        }
        return e;
    }

    /** The bytes of a field held as raw UTF-8 text, or null when the field is absent or a plain String. */
    private static byte[] textBytes(EcsEvent e, EcsField f) {
        return e.get(f) instanceof Utf8Text t ? t.toString().getBytes(StandardCharsets.UTF_8) : null;
    }

    /** {@code builtin}, or a count of generated rules. */
    static RuleSet rules(String name) {
        return RuleSet.load(ruleFiles(name));
    }

    static List<RuleFile> ruleFiles(String name) {
        if (name.equals("builtin")) {
            return BuiltinRules.files();
        }
        return SigmaRuleGenerator.generate(Integer.parseInt(name), SigmaRuleGenerator.SEED);
    }
}
