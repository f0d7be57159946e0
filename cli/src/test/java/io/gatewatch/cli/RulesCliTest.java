package io.gatewatch.cli;

import static io.gatewatch.cli.LauncherTest.gatewatch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewatch.cli.LauncherTest.Run;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatewatch detect}, {@code rules check} and {@code rules test} through the real launcher. */
class RulesCliTest {
    private static final String LOG_CLEARED = """
            title: Log cleared
            id: log-cleared
            level: high
            tags: [attack.defense-evasion, attack.t1070]
            detection:
              sel:
                event.code: ADM20599
              condition: sel
            """;
    private static final String FAILED_LOGINS = """
            title: Failed login
            id: failed-login
            detection:
              sel:
                event.code: AUT24414
              condition: sel
            ---
            title: Three failed logins
            id: three-failures
            level: medium
            correlation:
              type: event_count
              rules: [failed-login]
              group-by: [user.name]
              timespan: 1h
              condition:
                gte: 3
            """;

    private static String line(String time, String user, String msg) {
        return "id=firewall time=\"2024-01-10 " + time + "\" pri=6 fw=10.0.0.1 vpn=ics user=" + user
                + " realm=\"Users\" roles=\"Users\" type=mgmt proto= src=203.0.113.5 dst= dstname= sent= rcvd= msg=\""
                + msg + "\"";
    }

    private static final String CLEARED = line("10:00:00", "admin", "ADM20599: Events log cleared");
    private static final String FAILED = "AUT24414: Login failed. Reason: Wrong Password";

    private static Path rules(Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(dir.resolve("log-cleared.yml"), LOG_CLEARED);
        Files.writeString(dir.resolve("failed-logins.yml"), FAILED_LOGINS);
        return dir;
    }

    @Test
    void detect_printsOneAlertPerMatch_withTheEvent_andASummary(@TempDir Path tmp) throws Exception {
        Path dir = rules(tmp);
        String log = String.join("\n", List.of(
                line("09:00:00", "bob", FAILED), line("09:00:01", "bob", FAILED),
                line("09:00:02", "alice", FAILED), line("09:00:03", "bob", FAILED), "", CLEARED)) + "\n";
        Path file = tmp.resolve("vpn.log.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(log.getBytes(StandardCharsets.UTF_8));
        }
        Run run = gatewatch(null, "detect", "--no-builtin", "--rules", dir.toString(), file.toString());
        assertThat(run.exit()).as(run.stderr()).isZero();
        List<JsonNode> alerts = run.events();
        assertThat(alerts).extracting(a -> a.get("rule_id").asText()).containsExactly("three-failures", "log-cleared");

        JsonNode corr = alerts.get(0);
        assertThat(corr.get("correlation_type").asText()).isEqualTo("event_count");
        assertThat(corr.at("/group/user.name").asText()).isEqualTo("bob");
        assertThat(corr.get("events").size()).isPositive();

        JsonNode single = alerts.get(1);
        assertThat(single.get("title").asText()).isEqualTo("Log cleared");
        assertThat(single.get("level").asText()).isEqualTo("high");
        assertThat(single.get("tags")).extracting(JsonNode::asText).containsExactly("attack.defense-evasion", "attack.t1070");
        assertThat(single.get("@timestamp").asText()).isEqualTo("2024-01-10T10:00:00Z");
        assertThat(single.get("correlation_type").isNull()).isTrue();
        assertThat(single.at("/events/0/event/code").asText()).isEqualTo("ADM20599");
        assertThat(single.at("/events/0/source/ip").asText()).isEqualTo("203.0.113.5");

        JsonNode summary = run.summary();
        assertThat(summary.get("lines").asLong()).isEqualTo(5);
        assertThat(summary.get("events").asLong()).isEqualTo(5);
        assertThat(summary.get("alerts").asLong()).isEqualTo(2);
        assertThat(summary.at("/alerts_by_rule/log-cleared").asLong()).isEqualTo(1);
        assertThat(summary.get("events_per_second").asLong()).isNotNegative();
    }

    @Test
    void detect_readsStandardInput_andPrintsATable_withControlCharsEscaped(@TempDir Path tmp) throws Exception {
        Path dir = rules(tmp);
        String evil = CLEARED.replace("user=admin", "user=\"ad\u001b[2Jmin\"");
        Run run = gatewatch((evil + "\n").getBytes(StandardCharsets.UTF_8), "detect", "--no-builtin", "--table",
                "--no-summary", "--rules", dir.toString(), "-");
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("time ").contains("Log cleared").contains("ad\\x1b[2Jmin")
                .doesNotContain("\u001b");
        assertThat(run.stderr()).doesNotContain("\"summary\"");
    }

    @Test
    void detect_withTheBuiltinPack_findsTheSampleIncidents() throws Exception {
        Path sample = Path.of("").toAbsolutePath().getParent().resolve("samples/pulse-sample.log");
        Run run = gatewatch(null, "detect", sample.toString());
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.summary().get("rules").asLong()).isPositive();
        assertThat(run.events()).extracting(a -> a.at("/events/0/event/code").asText()).contains("ADM20599");
    }

    @Test
    void detect_reportsBrokenRules_andRunsTheOthers(@TempDir Path tmp) throws Exception {
        Path dir = rules(tmp);
        Files.writeString(dir.resolve("broken.yml"), LOG_CLEARED.replace("log-cleared", "x").replace("event.code", "EventID"));
        Run run = gatewatch((CLEARED + "\n").getBytes(StandardCharsets.UTF_8), "detect", "--no-builtin", "--rules",
                dir.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.events()).hasSize(1);
        assertThat(run.stderr()).contains("{\"file\":\"" + dir.resolve("broken.yml") + "\",\"line\":7,\"reason\":"
                + "\"unknown field 'EventID': not an ECS field of these events\"}");
        assertThat(run.summary().get("rule_errors").asLong()).isEqualTo(1);

        Run none = gatewatch(null, "detect", "--no-builtin");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.stderr()).contains("no rule to run");
        Run missing = gatewatch(null, "detect", "--rules", tmp.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.stderr()).contains("cannot read rules");
    }

    @Test
    void rulesCheck_printsOneLinePerError_withFileLineAndReason(@TempDir Path tmp) throws Exception {
        Path dir = rules(tmp);
        Run ok = gatewatch(null, "rules", "check", dir.toString());
        assertThat(ok.exit()).as(ok.stdout() + ok.stderr()).isZero();
        assertThat(ok.stdout()).isEmpty();
        assertThat(ok.summary().get("rules").asLong()).isEqualTo(2);
        assertThat(ok.summary().get("correlations").asLong()).isEqualTo(1);

        Files.writeString(dir.resolve("bad.yml"), """
                title: bad
                id: bad-1
                detection:
                  sel:
                    url.original|contians: x
                  condition: sel and nope
                """);
        Files.writeString(dir.resolve("log-cleared.examples.yml"), "positive: 3\n");
        Run bad = gatewatch(null, "rules", "check", dir.toString());
        assertThat(bad.exit()).isEqualTo(1);
        List<JsonNode> errors = bad.events();
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("file").asText()).isEqualTo(dir.resolve("bad.yml").toString());
        assertThat(errors.get(0).get("line").asInt()).isEqualTo(5);
        assertThat(errors.get(0).get("reason").asText()).isEqualTo("url.original: unknown modifier 'contians'");
        assertThat(errors.get(1).get("file").asText()).endsWith("log-cleared.examples.yml");
        assertThat(bad.summary().get("errors").asLong()).isEqualTo(2);
    }

    @Test
    void rulesTest_runsTheExamples_oneLinePerRuleFile(@TempDir Path tmp) throws Exception {
        Path dir = rules(tmp);
        Files.writeString(dir.resolve("log-cleared.examples.yml"), "positive:\n  - - '" + CLEARED + "'\nnegative:\n  - - '"
                + line("10:00:00", "bob", FAILED) + "'\n");
        Files.writeString(dir.resolve("failed-logins.examples.yml"), "positive:\n  - - '" + line("09:00:00", "bob", FAILED)
                + "'\n    - '" + line("09:00:01", "bob", FAILED) + "'\n    - '" + line("09:00:02", "bob", FAILED) + "'\n");
        Run run = gatewatch(null, "rules", "test", dir.toString());
        assertThat(run.exit()).as(run.stdout()).isZero();
        assertThat(run.events()).extracting(r -> r.get("file").asText() + " " + r.get("result").asText())
                .containsExactly(dir.resolve("failed-logins.yml") + " pass", dir.resolve("log-cleared.yml") + " pass");
        assertThat(run.events().get(0).get("rules")).extracting(JsonNode::asText).containsExactly("three-failures");

        // Two failures are not enough for the correlation: the positive example fails.
        Files.writeString(dir.resolve("failed-logins.examples.yml"), "positive:\n  - - '" + line("09:00:00", "bob", FAILED)
                + "'\n    - '" + line("09:00:01", "bob", FAILED) + "'\n");
        Run failing = gatewatch(null, "rules", "test", dir.toString());
        assertThat(failing.exit()).isEqualTo(1);
        JsonNode result = failing.events().get(0);
        assertThat(result.get("result").asText()).isEqualTo("fail");
        assertThat(result.at("/positive/passed").asInt()).isZero();
        assertThat(result.get("failures").get(0).asText()).startsWith("positive example 1: no alert of three-failures");
        assertThat(failing.summary().get("fail").asInt()).isEqualTo(1);
    }

    @Test
    void rulesTest_ofTheBuiltinPack_passes() throws Exception {
        Run run = gatewatch(null, "rules", "test");
        assertThat(run.exit()).as(run.stdout()).isZero();
        assertThat(run.events()).isNotEmpty().allSatisfy(r -> assertThat(r.get("result").asText()).isEqualTo("pass"));
    }
}
