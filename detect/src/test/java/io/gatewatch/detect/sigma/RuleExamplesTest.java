package io.gatewatch.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.detect.sigma.RuleTestResult.Count;
import io.gatewatch.detect.sigma.RuleTestResult.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Positive and negative examples kept beside each rule, run as the intake would parse them. */
class RuleExamplesTest {
    private static final String RULE = """
            title: Log cleared
            id: log-cleared
            level: high
            detection:
              sel:
                event.code: ADM20599
              condition: sel
            """;
    private static final String CLEARED = "id=firewall time=\"2024-01-10 10:00:00\" pri=6 fw=10.0.0.1 vpn=ics user=admin "
            + "realm=\"Admin Users\" roles=\".Administrators\" type=mgmt proto= src=203.0.113.5 dst= dstname= sent= rcvd= "
            + "msg=\"ADM20599: Events log cleared\"";
    private static final String LOGOUT = "id=firewall time=\"2024-01-10 10:00:00\" pri=6 fw=10.0.0.1 vpn=ics user=bob "
            + "realm=\"Users\" roles=\"Users\" type=vpn proto= src=203.0.113.5 dst= dstname= sent= rcvd= "
            + "msg=\"AUT22673: Logout from 203.0.113.5 (session:abc)\"";

    private static RuleTestResult run(String rule, String examples) {
        List<RuleFile> files = examples == null ? List.of(RuleFile.of("r/log-cleared.yml", rule))
                : List.of(RuleFile.of("r/log-cleared.yml", rule), RuleFile.of("r/log-cleared.examples.yml", examples));
        List<RuleTestResult> results = RuleExamples.run(files, RuleSet.load(files));
        assertThat(results).hasSize(1);
        return results.getFirst();
    }

    private static String yamlQuote(String line) {
        return "'" + line.replace("'", "''") + "'";
    }

    @Test
    void passingExamples() {
        RuleTestResult r = run(RULE, "positive:\n  - - " + yamlQuote(CLEARED) + "\n  - " + yamlQuote(CLEARED)
                + "\nnegative:\n  - - " + yamlQuote(LOGOUT) + "\n");
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.ruleIds()).containsExactly("log-cleared");
        assertThat(r.title()).isEqualTo("Log cleared");
        assertThat(r.positive()).isEqualTo(new Count(2, 2));
        assertThat(r.negative()).isEqualTo(new Count(1, 1));
    }

    @Test
    void failingExamples_sayWhich() {
        RuleTestResult r = run(RULE, "positive:\n  - " + yamlQuote(LOGOUT) + "\nnegative:\n  - "
                + yamlQuote(CLEARED) + "\n");
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.failures()).containsExactly("positive example 1: no alert of log-cleared",
                "negative example 1: raised log-cleared");
    }

    @Test
    void aRuleWithoutExamples_isUntested() {
        assertThat(run(RULE, null).status()).isEqualTo(Status.UNTESTED);
    }

    @Test
    void brokenRulesAndExamples_areErrors_withWhere() {
        RuleTestResult broken = run(RULE.replace("event.code", "EventID"), "positive: []\n");
        assertThat(broken.status()).isEqualTo(Status.ERROR);
        assertThat(broken.failures()).containsExactly("line 6: unknown field 'EventID': not an ECS field of these events");

        RuleTestResult badExamples = run(RULE, "positive:\n  - 42\n");
        assertThat(badExamples.status()).isEqualTo(Status.ERROR);
        assertThat(badExamples.failures()).containsExactly(
                "r/log-cleared.examples.yml, line 2: 'positive': an example is a list of 1 to 10000 log lines");

        RuleTestResult unknownKey = run(RULE, "positives: []\n");
        assertThat(unknownKey.failures()).singleElement().asString().contains("unknown key 'positives'");
    }

    @Test
    void examplesOfACorrelation_areSequences_andTestTheCorrelation() {
        String rules = """
                title: Admin login
                id: admin-login
                name: admin_login
                detection:
                  sel:
                    user.name: admin
                  condition: sel
                ---
                title: Admin then log cleared
                id: admin-then-cleared
                correlation:
                  type: temporal_ordered
                  rules: [admin_login, log-cleared]
                  group-by: [user.name]
                  timespan: 10m
                """ + "---\n" + RULE;
        String login = CLEARED.replace("ADM20599: Events log cleared", "AUT24326: Primary authentication successful");
        String examples = "positive:\n  - - " + yamlQuote(login) + "\n    - " + yamlQuote(CLEARED)
                + "\nnegative:\n  - - " + yamlQuote(LOGOUT) + "\n";
        List<RuleFile> files = List.of(RuleFile.of("c.yml", rules), RuleFile.of("c.examples.yml", examples));
        RuleSet set = RuleSet.load(files);
        assertThat(set.errors()).isEmpty();
        RuleTestResult r = RuleExamples.run(files, set).getFirst();
        assertThat(r.ruleIds()).containsExactly("admin-then-cleared");
        // The single ADM20599 event alone is a match of log-cleared, not of the correlation.
        assertThat(r.status()).as(r.failures().toString()).isEqualTo(Status.PASS);
    }

    @Test
    void theRuleKey_choosesWhatIsTested() {
        String examples = "rule: log-cleared\npositive:\n  - " + yamlQuote(CLEARED) + "\n";
        assertThat(run(RULE, examples).status()).isEqualTo(Status.PASS);
        RuleTestResult unknown = run(RULE, "rule: nope\npositive: []\n");
        assertThat(unknown.status()).isEqualTo(Status.ERROR);
    }

    @Test
    void examplesWithoutARule_areReported() {
        List<RuleFile> files = List.of(RuleFile.of("x.examples.yml", "positive: []\n"));
        assertThat(RuleExamples.run(files, RuleSet.load(files))).singleElement()
                .extracting(RuleTestResult::status).isEqualTo(Status.ERROR);
    }
}
