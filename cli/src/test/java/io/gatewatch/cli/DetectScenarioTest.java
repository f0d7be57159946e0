package io.gatewatch.cli;

import static io.gatewatch.cli.LauncherTest.gatewatch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewatch.cli.LauncherTest.Run;
import io.gatewatch.cli.scenario.BenignDay;
import io.gatewatch.cli.scenario.BuiltinRule;
import io.gatewatch.cli.scenario.LogEvent;
import io.gatewatch.cli.scenario.PlantedTraces;
import io.gatewatch.cli.scenario.PlantedTraces.Expected;
import io.gatewatch.cli.scenario.ScenarioLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end detection through the real {@code ./gatewatch detect}: a day of ordinary traffic on
 * a VPN cluster with attack traces planted at known times (exploit probes, a brute force that
 * succeeds, password spraying, log clearing by a stolen administrator account, a recovery-token
 * session and integrity checker findings) and near misses beside them. Every planted alert must
 * come out, on the planted line or for the planted group, and nothing else may: the benign day is
 * built so that no built-in rule has a reason to fire on it (see {@link BenignDay}).
 */
class DetectScenarioTest {
    private static final long SEED = 20_250_611L;
    private static final Instant DAY = Instant.parse("2025-06-11T00:00:00Z");
    private static final int USERS = 4_000;

    /** An alert reduced to what identifies it: for a correlation its group, for a single event its line. */
    private record AlertKey(String ruleId, String at, String what) {
        @Override
        public String toString() {
            return BuiltinRule.nameOf(ruleId) + " @" + at + " " + what;
        }

        static AlertKey ofGroup(String ruleId, String at, Map<String, String> group) {
            return new AlertKey(ruleId, at, "group " + new TreeMap<>(group));
        }

        static AlertKey ofLine(String ruleId, String at, String line) {
            return new AlertKey(ruleId, at, "line " + line);
        }
    }

    @Test
    void detect_overADayWithPlantedAttacks_raisesThePlantedAlerts_andNothingElse(@TempDir Path tmp) throws Exception {
        List<LogEvent> benign = BenignDay.generate(SEED, DAY, USERS);
        PlantedTraces planted = PlantedTraces.plant(DAY);
        ScenarioLog log = ScenarioLog.of(benign, planted.events(), SEED);
        // The log rotated at noon: the morning as written, the afternoon compressed; read in order.
        Path morning = tmp.resolve("vpn-2025-06-11-am.log");
        Path afternoon = tmp.resolve("vpn-2025-06-11-pm.log.gz");
        log.write(morning, afternoon, DAY.plus(Duration.ofHours(12)));

        long start = System.nanoTime();
        Run run = gatewatch(null, "detect", morning.toString(), afternoon.toString());
        double wall = (System.nanoTime() - start) / 1e9;
        assertThat(run.exit()).as(run.stderr()).isZero();

        List<AlertKey> expected = new ArrayList<>();
        Map<String, LogEvent> plantedByLine = new HashMap<>();
        Map<String, Long> expectedByRule = new TreeMap<>();
        for (Expected e : planted.expected()) {
            String at = e.trigger().time().toString();
            if (e.group().isEmpty()) {
                String line = log.lineOf(e.trigger());
                expected.add(AlertKey.ofLine(e.rule().id(), at, line));
                plantedByLine.put(line, e.trigger());
            } else {
                expected.add(AlertKey.ofGroup(e.rule().id(), at, e.group()));
            }
            expectedByRule.merge(e.rule().id(), 1L, Long::sum);
        }

        List<JsonNode> alerts = run.events();
        List<AlertKey> actual = new ArrayList<>();
        for (JsonNode a : alerts) {
            actual.add(keyOf(a));
        }
        // The exact multiset: each planted alert once, no alert on a benign line, no duplicate.
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);

        // Single-event alerts carry the event as parsed: its address and account must be the planted ones.
        for (JsonNode a : alerts) {
            if (!a.get("correlation_type").isNull()) {
                assertThat(a.get("events").size()).as("sample events of %s", keyOf(a)).isPositive();
                continue;
            }
            JsonNode event = a.at("/events/0");
            LogEvent e = plantedByLine.get(lineOf(event));
            assertThat(event.at("/source/ip").asText()).as("source.ip of %s", keyOf(a)).isEqualTo(e.actor().ip());
            if (e.actor().namesAnAccount()) {
                assertThat(event.at("/user/name").asText()).as("user.name of %s", keyOf(a)).isEqualTo(e.actor().user());
            }
            assertThat(event.at("/event/code").asText()).as("event.code of %s", keyOf(a)).isEqualTo(e.code());
        }

        JsonNode summary = run.summary();
        assertThat(summary.get("lines").asLong()).isEqualTo(log.size());
        assertThat(summary.get("events").asLong()).isEqualTo(log.size());
        assertThat(summary.get("unparsed").asLong()).isZero();
        assertThat(summary.get("rule_errors").asLong()).isZero();
        assertThat(summary.get("evaluation_failures").asLong()).isZero();
        assertThat(summary.get("alerts").asLong()).isEqualTo(expected.size());
        Map<String, Long> byRule = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = summary.get("alerts_by_rule").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            byRule.put(f.getKey(), f.getValue().asLong());
        }
        assertThat(byRule).isEqualTo(expectedByRule);

        System.out.printf(Locale.ROOT, "detect scenario: %d lines (%d benign, %d planted; %s), %d alerts expected and raised,"
                + " detect %.2f s in the summary, %.1f s with the launcher%n", log.size(), benign.size(),
                planted.events().size(), log.formats(), alerts.size(), summary.get("seconds").asDouble(), wall);
    }

    private static AlertKey keyOf(JsonNode a) {
        String ruleId = a.get("rule_id").asText();
        String at = a.get("@timestamp").asText();
        if (a.get("correlation_type").isNull()) {
            return AlertKey.ofLine(ruleId, at, lineOf(a.at("/events/0")));
        }
        Map<String, String> group = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = a.get("group").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            group.put(f.getKey(), f.getValue().asText());
        }
        return AlertKey.ofGroup(ruleId, at, group);
    }

    /** The line an event was parsed from: event.original, which the parser leaves out when the line has no header. */
    private static String lineOf(JsonNode event) {
        JsonNode original = event.at("/event/original");
        return original.isMissingNode() ? event.get("message").asText() : original.asText();
    }
}
