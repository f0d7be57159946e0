package io.gatewatch.cli.doc;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.ecs.EcsJsonWriter;
import io.gatewatch.core.ecs.JsonOutput;
import io.gatewatch.core.pulse.PulseParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample lines of {@code intake-samples.log} beside this class, parsed by {@link PulseParser}
 * as the intake parses them (times in UTC): the documentation shows the parser's own output.
 */
final class SampleEvents {
    /**
     * @param title what the line is
     * @param line the raw line
     * @param format the format the parser read it as ({@code welf}, {@code standard}, {@code json})
     * @param ecsJson the event, as indented ECS JSON
     * @param event the event itself
     */
    record Sample(String title, String line, String format, String ecsJson, EcsEvent event) {}

    private SampleEvents() {}

    static List<Sample> parsed() {
        PulseParser parser = new PulseParser();
        List<Sample> out = new ArrayList<>();
        String title = null;
        for (String line : resource().lines().toList()) {
            if (line.startsWith("## ")) {
                title = line.substring(3).strip();
            } else if (!line.isBlank() && !line.startsWith("#")) {
                if (title == null) {
                    throw new IllegalStateException("intake-samples.log: a line without a '## title' before it: " + line);
                }
                EcsEvent e = parser.parse(line);
                if (PulseParser.isUnparsed(e)) {
                    throw new IllegalStateException("intake-samples.log: the parser cannot read the sample '" + title
                            + "': " + e.getString(EcsField.ERROR_MESSAGE));
                }
                JsonOutput json = new JsonOutput(4096);
                EcsJsonWriter.writePretty(e, json);
                out.add(new Sample(title, line, e.getString(EcsField.PULSE_FORMAT), json.toString(), e));
                title = null;
            }
        }
        return out;
    }

    private static String resource() {
        try (InputStream in = SampleEvents.class.getResourceAsStream("intake-samples.log")) {
            if (in == null) {
                throw new IllegalStateException("intake-samples.log is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
