package io.gatewatch.detect.sigma;

import static io.gatewatch.detect.sigma.TestRules.error;
import static io.gatewatch.detect.sigma.TestRules.event;
import static io.gatewatch.detect.sigma.TestRules.matches;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The value modifiers and special values of the Sigma specification (v2.1.0 modifiers
 * appendix, rules specification "Detection"), one behaviour per test.
 */
class ModifiersTest {
    private static final String ADMIN = """
            sel:
              user.name: Admin
            condition: sel
            """;

    @Nested
    class PlainValues {
        @Test
        void equality_isCaseInsensitive_andWhole() {
            assertThat(matches(ADMIN, event("user.name", "admin"))).isTrue();
            assertThat(matches(ADMIN, event("user.name", "ADMIN"))).isTrue();
            assertThat(matches(ADMIN, event("user.name", "admin2"))).isFalse();
            assertThat(matches(ADMIN, event("user.name", "xadmin"))).isFalse();
            assertThat(matches(ADMIN, event())).isFalse();
        }

        @Test
        void numbers_matchNumericFields_asText() {
            String rule = """
                    sel:
                      http.response.status_code: 200
                    condition: sel
                    """;
            assertThat(matches(rule, event("http.response.status_code", 200L))).isTrue();
            assertThat(matches(rule, event("http.response.status_code", 2000L))).isFalse();
        }

        @Test
        void aListOfValues_isOr_andAMap_isAnd() {
            String rule = """
                    sel:
                      user.name: [alice, bob]
                      event.code: AUT24414
                    condition: sel
                    """;
            assertThat(matches(rule, event("user.name", "bob", "event.code", "AUT24414"))).isTrue();
            assertThat(matches(rule, event("user.name", "carol", "event.code", "AUT24414"))).isFalse();
            assertThat(matches(rule, event("user.name", "bob"))).isFalse();
        }

        @Test
        void aListOfMaps_isOr() {
            String rule = """
                    sel:
                      - user.name: alice
                      - event.code: AUT24414
                    condition: sel
                    """;
            assertThat(matches(rule, event("event.code", "AUT24414"))).isTrue();
            assertThat(matches(rule, event("user.name", "alice"))).isTrue();
            assertThat(matches(rule, event("user.name", "bob"))).isFalse();
        }

        @Test
        void listFields_matchWhenAnyElementDoes() {
            String rule = """
                    sel:
                      event.category: authentication
                    condition: sel
                    """;
            assertThat(matches(rule, event("event.category", List.of("session", "authentication")))).isTrue();
            assertThat(matches(rule, event("event.category", List.of("session")))).isFalse();
        }

        @Test
        void fieldsInsideObjects_areReadByPath() {
            String rule = """
                    sel:
                      labels.realm: Users
                    condition: sel
                    """;
            assertThat(matches(rule, event("labels.realm", "users"))).isTrue();
            assertThat(matches(rule, event("labels.other", "users"))).isFalse();
        }
    }

    @Nested
    class Wildcards {
        @Test
        void starAndQuestionMark() {
            String rule = """
                    sel:
                      user.name: 'adm?n*'
                    condition: sel
                    """;
            assertThat(matches(rule, event("user.name", "admin"))).isTrue();
            assertThat(matches(rule, event("user.name", "ADMINISTRATOR"))).isTrue();
            assertThat(matches(rule, event("user.name", "admn"))).isFalse();
            assertThat(matches(rule, event("user.name", "xadmin"))).isFalse();
        }

        @Test
        void questionMark_isOneCharExactly_evenInsideUrls() {
            // SigmaHQ's CVE-2019-11510 rule relies on '?' matching the literal '?' of the query.
            String rule = """
                    sel:
                      url.original: '*?/dana/html5acc/guacamole/*'
                    condition: sel
                    """;
            assertThat(matches(rule, event("url.original",
                    "/dana-na/../dana/html5acc/guacamole/../../etc/passwd?/dana/html5acc/guacamole/"))).isTrue();
            assertThat(matches(rule, event("url.original", "/dana/html5acc/guacamole/"))).isFalse();
        }

        @Test
        void escapedWildcards_areLiteral() {
            String rule = """
                    sel:
                      url.original: 'a\\*b\\?'
                    condition: sel
                    """;
            assertThat(matches(rule, event("url.original", "a*b?"))).isTrue();
            assertThat(matches(rule, event("url.original", "axbx"))).isFalse();
            assertThat(matches(rule, event("url.original", "a*bx"))).isFalse();
        }

        @Test
        void escapedBackslash_beforeAWildcard_isABackslashThenTheWildcard() {
            String rule = """
                    sel:
                      url.original: 'C:\\\\*'
                    condition: sel
                    """;
            assertThat(matches(rule, event("url.original", "C:\\Windows"))).isTrue();
            assertThat(matches(rule, event("url.original", "C:Windows"))).isFalse();
        }

        @Test
        void threeBackslashesAndAStar_areABackslashAndALiteralStar() {
            String rule = """
                    sel:
                      url.original: 'x\\\\\\*'
                    condition: sel
                    """;
            assertThat(matches(rule, event("url.original", "x\\*"))).isTrue();
            assertThat(matches(rule, event("url.original", "x\\abc"))).isFalse();
        }

        @Test
        void aBackslashBeforeAnOrdinaryChar_isItself() {
            String rule = """
                    sel:
                      url.original: 'C:\\Windows\\system32'
                    condition: sel
                    """;
            assertThat(matches(rule, event("url.original", "c:\\windows\\System32"))).isTrue();
        }
    }

    @Nested
    class Positions {
        @Test
        void contains_startswith_endswith() {
            String rule = """
                    c:
                      url.original|contains: '/dana-na/'
                    s:
                      user.name|startswith: adm
                    e:
                      url.path|endswith: '.cgi'
                    condition: c and s and e
                    """;
            EcsEvent ok = event("url.original", "/X/DANA-NA/y", "user.name", "Admin", "url.path", "/a/b.CGI");
            assertThat(matches(rule, ok)).isTrue();
            assertThat(matches(rule, event("url.original", "/dana-na", "user.name", "Admin", "url.path", "/b.cgi")))
                    .isFalse();
            assertThat(matches(rule, event("url.original", "/dana-na/", "user.name", "xadm", "url.path", "/b.cgi")))
                    .isFalse();
            assertThat(matches(rule, event("url.original", "/dana-na/", "user.name", "adm", "url.path", "/b.cgi/")))
                    .isFalse();
        }

        @Test
        void containsAll_needsEveryValue() {
            String rule = """
                    sel:
                      url.original|contains|all:
                        - /api/v1/totp/user-backup-code
                        - '/../'
                    condition: sel
                    """;
            assertThat(matches(rule, event("url.original", "/api/v1/totp/user-backup-code/../../license/keys-status")))
                    .isTrue();
            assertThat(matches(rule, event("url.original", "/api/v1/totp/user-backup-code/"))).isFalse();
        }

        @Test
        void all_withASingleValue_isRejected() {
            assertThat(error("""
                    sel:
                      url.original|contains|all: abc
                    condition: sel
                    """)).isEqualTo("6: url.original: 'all' needs a list of at least two values");
        }

        @Test
        void all_onAListField_mayMatchDifferentElements() {
            String rule = """
                    sel:
                      event.category|all: [authentication, session]
                    condition: sel
                    """;
            assertThat(matches(rule, event("event.category", List.of("session", "authentication")))).isTrue();
            assertThat(matches(rule, event("event.category", List.of("session")))).isFalse();
        }
    }

    @Nested
    class Encodings {
        private static String b64(String s) {
            return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void base64_matchesTheEncodedValue() {
            String rule = """
                    sel:
                      url.query|base64: '/etc/passwd'
                    condition: sel
                    """;
            assertThat(matches(rule, event("url.query", b64("/etc/passwd")))).isTrue();
            assertThat(matches(rule, event("url.query", "/etc/passwd"))).isFalse();
        }

        @Test
        void base64offset_findsTheValueAtEachOfTheThreeOffsets() {
            String rule = """
                    sel:
                      url.query|base64offset|contains: '/etc/passwd'
                    condition: sel
                    """;
            for (String prefix : List.of("", "x", "xy", "xyz", "cat ")) {
                for (String suffix : List.of("", "!", "!!", " | nc 1.2.3.4")) {
                    String encoded = b64(prefix + "/etc/passwd" + suffix);
                    assertThat(matches(rule, event("url.query", "q=" + encoded)))
                            .as("%s + value + %s = %s", prefix, suffix, encoded).isTrue();
                }
            }
            assertThat(matches(rule, event("url.query", b64("/etc/shadow")))).isFalse();
        }

        @Test
        void base64_refusesWildcards() {
            assertThat(error("""
                    sel:
                      url.query|contains|base64: abc
                    condition: sel
                    """)).contains("base64 cannot encode wildcards");
        }

        @Test
        void wide_thenBase64offset_findsUtf16EncodedText() {
            String rule = """
                    sel:
                      url.query|wide|base64offset|contains: 'Invoke-Mimikatz'
                    condition: sel
                    """;
            byte[] utf16 = "powershell Invoke-Mimikatz -x".getBytes(StandardCharsets.UTF_16LE);
            assertThat(matches(rule, event("url.query", Base64.getEncoder().encodeToString(utf16)))).isTrue();
            byte[] utf8 = "powershell Invoke-Mimikatz -x".getBytes(StandardCharsets.UTF_8);
            assertThat(matches(rule, event("url.query", Base64.getEncoder().encodeToString(utf8)))).isFalse();
        }

        @Test
        void utf16le_utf16be_and_utf16WithItsByteOrderMark() {
            assertThat(matches("""
                    sel:
                      url.query|utf16le|base64: cmd
                    condition: sel
                    """, event("url.query", "YwBtAGQA"))).isTrue();
            assertThat(matches("""
                    sel:
                      url.query|utf16be|base64: cmd
                    condition: sel
                    """, event("url.query", "AGMAbQBk"))).isTrue();
            assertThat(matches("""
                    sel:
                      url.query|utf16|base64: cmd
                    condition: sel
                    """, event("url.query", "//5jAG0AZAA="))).isTrue();
        }

        @Test
        void windash_acceptsEveryDashForASwitch() {
            String rule = """
                    sel:
                      url.query|windash|contains: ' -enc '
                    condition: sel
                    """;
            for (String dash : List.of("-", "/", "\u2013", "\u2014", "\u2015")) {
                assertThat(matches(rule, event("url.query", "powershell " + dash + "enc AAA"))).as(dash).isTrue();
            }
            assertThat(matches(rule, event("url.query", "powershell +enc AAA"))).isFalse();
        }

        @Test
        void windash_leavesDashesInsideWordsAlone() {
            String rule = """
                    sel:
                      url.query|windash: 'a-b'
                    condition: sel
                    """;
            assertThat(matches(rule, event("url.query", "a-b"))).isTrue();
            assertThat(matches(rule, event("url.query", "a/b"))).isFalse();
        }
    }

    @Nested
    class Regex {
        @Test
        void re_isCaseSensitive_andUnanchored() {
            String rule = """
                    sel:
                      url.original|re: 'dana-na/\\.\\./'
                    condition: sel
                    """;
            assertThat(matches(rule, event("url.original", "/x/dana-na/../y"))).isTrue();
            assertThat(matches(rule, event("url.original", "/x/DANA-NA/../y"))).isFalse();
        }

        @Test
        void re_i_ignoresCase() {
            String rule = """
                    sel:
                      url.original|re|i: '^/dana-na/'
                    condition: sel
                    """;
            assertThat(matches(rule, event("url.original", "/DANA-NA/x"))).isTrue();
            assertThat(matches(rule, event("url.original", "x/dana-na/"))).isFalse();
        }

        @Test
        void re_m_anchorsAtLines_and_re_s_letsDotMatchNewlines() {
            EcsEvent twoLines = event("message", "first\nsecond line");
            assertThat(matches("""
                    sel:
                      message|re: '^second'
                    condition: sel
                    """, twoLines)).isFalse();
            assertThat(matches("""
                    sel:
                      message|re|m: '^second'
                    condition: sel
                    """, twoLines)).isTrue();
            assertThat(matches("""
                    sel:
                      message|re: 'first.second'
                    condition: sel
                    """, twoLines)).isFalse();
            assertThat(matches("""
                    sel:
                      message|re|s: 'first.second'
                    condition: sel
                    """, twoLines)).isTrue();
        }

        @Test
        void re_runsInLinearTime_onACatastrophicPattern() {
            // (a+)+$ takes exponential time in a backtracking engine on "aaaa...b"; RE2 does not backtrack.
            String rule = """
                    sel:
                      message|re: '(a+)+$'
                    condition: sel
                    """;
            assertThat(matches(rule, event("message", "a".repeat(50_000) + "b"))).isFalse();
        }

        @Test
        void re_refusesSyntaxRe2CannotRun_withTheLine() {
            assertThat(error("""
                    sel:
                      message|re: '(a)\\1'
                    condition: sel
                    """)).startsWith("6: message: bad regular expression");
        }

        @Test
        void re_refusesPatternsThatExpandHugely() {
            assertThat(error("""
                    sel:
                      message|re: '((a{100}){100}){100}'
                    condition: sel
                    """)).contains("regular expression too large");
        }

        @Test
        void i_withoutRe_isRejected() {
            assertThat(error("""
                    sel:
                      message|i: x
                    condition: sel
                    """)).isEqualTo("6: message: modifier 'i' only follows 're'");
        }
    }

    @Nested
    class Cidr {
        private static final String RULE = """
                sel:
                  source.ip|cidr:
                    - 10.0.0.0/8
                    - '2001:db8::/32'
                    - 192.168.1.7
                condition: sel
                """;

        @Test
        void ipv4Networks_andSingleAddresses() {
            assertThat(matches(RULE, event("source.ip", "10.200.3.4"))).isTrue();
            assertThat(matches(RULE, event("source.ip", "192.168.1.7"))).isTrue();
            assertThat(matches(RULE, event("source.ip", "192.168.1.8"))).isFalse();
            assertThat(matches(RULE, event("source.ip", "11.0.0.1"))).isFalse();
        }

        @Test
        void ipv6Networks() {
            assertThat(matches(RULE, event("source.ip", "2001:db8:ffff::1"))).isTrue();
            assertThat(matches(RULE, event("source.ip", "2001:0db8:0:0:0:0:0:1"))).isTrue();
            assertThat(matches(RULE, event("source.ip", "2001:db9::1"))).isFalse();
            assertThat(matches(RULE, event("source.ip", "fe80::1%eth0"))).isFalse();
        }

        @Test
        void ipv4MappedIpv6Addresses_matchIpv4Networks() {
            assertThat(matches(RULE, event("source.ip", "::ffff:10.1.2.3"))).isTrue();
        }

        @Test
        void valuesThatAreNoAddress_doNotMatch() {
            assertThat(matches(RULE, event("user.name", "10.0.0.1"))).isFalse();
            assertThat(matches("""
                    sel:
                      user.name|cidr: 10.0.0.0/8
                    condition: sel
                    """, event("user.name", "10.0.0.1x"))).isFalse();
        }

        @Test
        void aBadNetwork_isALoadError() {
            assertThat(error("""
                    sel:
                      source.ip|cidr: 10.0.0.0/33
                    condition: sel
                    """)).isEqualTo("6: source.ip: not an IPv4 or IPv6 network: '10.0.0.0/33'");
        }
    }

    @Nested
    class PresenceNullAndEmpty {
        @Test
        void exists_trueAndFalse() {
            String present = """
                    sel:
                      user.name|exists: true
                    condition: sel
                    """;
            String absent = """
                    sel:
                      user.name|exists: false
                    condition: sel
                    """;
            assertThat(matches(present, event("user.name", "x"))).isTrue();
            assertThat(matches(present, event())).isFalse();
            assertThat(matches(absent, event())).isTrue();
            assertThat(matches(absent, event("user.name", "x"))).isFalse();
        }

        @Test
        void exists_needsABoolean() {
            assertThat(error("""
                    sel:
                      user.name|exists: yes please
                    condition: sel
                    """)).isEqualTo("6: user.name: 'exists' takes true or false");
        }

        @Test
        void null_matchesAnAbsentField() {
            String rule = """
                    sel:
                      event.code: AUT24414
                      user.name: null
                    condition: sel
                    """;
            assertThat(matches(rule, event("event.code", "AUT24414"))).isTrue();
            assertThat(matches(rule, event("event.code", "AUT24414", "user.name", "bob"))).isFalse();
        }

        @Test
        void notNull_isANegatedSelection() {
            String rule = """
                    sel:
                      event.code: AUT24414
                    filter:
                      user.name: null
                    condition: sel and not filter
                    """;
            assertThat(matches(rule, event("event.code", "AUT24414", "user.name", "bob"))).isTrue();
            assertThat(matches(rule, event("event.code", "AUT24414"))).isFalse();
        }

        @Test
        void emptyString_matchesAnEmptyOrAbsentValue() {
            // The parser never stores empty values: user= in a log line leaves user.name absent.
            String rule = """
                    sel:
                      user.name: ''
                    condition: sel
                    """;
            assertThat(matches(rule, event())).isTrue();
            assertThat(matches(rule, event("user.name", "bob"))).isFalse();
        }

        @Test
        void null_takesNoModifier() {
            assertThat(error("""
                    sel:
                      user.name|contains: null
                    condition: sel
                    """)).startsWith("6: user.name: null takes no modifier");
        }
    }

    @Nested
    class Numbers {
        @Test
        void gt_gte_lt_lte() {
            EcsEvent e = event("pulse_secure.concurrent_users", 500L);
            assertThat(matches(numeric("gt", "499"), e)).isTrue();
            assertThat(matches(numeric("gt", "500"), e)).isFalse();
            assertThat(matches(numeric("gte", "500"), e)).isTrue();
            assertThat(matches(numeric("lt", "500.5"), e)).isTrue();
            assertThat(matches(numeric("lt", "500"), e)).isFalse();
            assertThat(matches(numeric("lte", "500"), e)).isTrue();
        }

        @Test
        void nonNumericEventValues_doNotCompare() {
            assertThat(matches(numeric("gt", "1"), event("user.name", "zzz"))).isFalse();
            assertThat(matches("""
                    sel:
                      user.name|gt: 1
                    condition: sel
                    """, event("user.name", "12abc"))).isFalse();
        }

        @Test
        void aNonNumericRuleValue_isALoadError() {
            assertThat(error(numeric("gte", "many"))).isEqualTo("6: pulse_secure.concurrent_users: 'many' is not a number");
        }

        @Test
        void timeModifiers_readTheUtcDate() {
            long t = Instant.parse("2026-03-14T03:25:00Z").toEpochMilli();
            EcsEvent e = event("@timestamp", t);
            assertThat(matches(time("hour", ""), e)).isTrue();
            assertThat(matches(time("minute", ""), e)).isFalse();
            assertThat(matches("""
                    sel:
                      '@timestamp|hour|lt': 6
                    condition: sel
                    """, e)).isTrue();
            assertThat(matches("""
                    sel:
                      '@timestamp|month': 3
                      '@timestamp|year': 2026
                      '@timestamp|day': 14
                      '@timestamp|week': 11
                    condition: sel
                    """, e)).isTrue();
        }

        private static String numeric(String op, String value) {
            return "sel:\n  pulse_secure.concurrent_users|" + op + ": '" + value + "'\ncondition: sel\n";
        }

        private static String time(String part, String op) {
            return "sel:\n  '@timestamp|" + part + op + "': 3\ncondition: sel\n";
        }
    }

    @Nested
    class FieldRefCasedExpandNeq {
        @Test
        void fieldref_comparesTwoFieldsOfTheEvent() {
            String rule = """
                    sel:
                      user.name|fieldref: user.target.name
                    condition: sel
                    """;
            assertThat(matches(rule, event("user.name", "Bob", "user.target.name", "bob"))).isTrue();
            assertThat(matches(rule, event("user.name", "bob", "user.target.name", "alice"))).isFalse();
            assertThat(matches(rule, event("user.name", "bob"))).isFalse();
        }

        @Test
        void fieldref_withContains_andNeq() {
            assertThat(matches("""
                    sel:
                      url.original|fieldref|contains: user.name
                    condition: sel
                    """, event("url.original", "/home/BOB/x", "user.name", "bob"))).isTrue();
            String differs = """
                    sel:
                      source.ip|fieldref|neq: pulse_secure.previous_ip
                    condition: sel
                    """;
            assertThat(matches(differs, event("source.ip", "10.0.0.1", "pulse_secure.previous_ip", "10.0.0.2"))).isTrue();
            assertThat(matches(differs, event("source.ip", "10.0.0.1", "pulse_secure.previous_ip", "10.0.0.1")))
                    .isFalse();
        }

        @Test
        void fieldref_toAnUnknownField_isALoadError() {
            assertThat(error("""
                    sel:
                      user.name|fieldref: TargetUserName
                    condition: sel
                    """)).isEqualTo("6: unknown field 'TargetUserName': not an ECS field of these events");
        }

        @Test
        void cased_comparesCaseSensitively() {
            String exact = """
                    sel:
                      user.name|cased: Admin
                    condition: sel
                    """;
            assertThat(matches(exact, event("user.name", "Admin"))).isTrue();
            assertThat(matches(exact, event("user.name", "admin"))).isFalse();
            String contains = """
                    sel:
                      url.original|contains|cased: '/Dana/'
                    condition: sel
                    """;
            assertThat(matches(contains, event("url.original", "/x/Dana/y"))).isTrue();
            assertThat(matches(contains, event("url.original", "/x/dana/y"))).isFalse();
        }

        @Test
        void expand_replacesPlaceholdersWithTheConfiguredValues() {
            String rule = """
                    sel:
                      user.name|expand: '%Administrators%'
                    condition: sel
                    """;
            assertThat(matches(rule, event("user.name", "Admin"))).isTrue();
            assertThat(matches(rule, event("user.name", "rootkit"))).isTrue(); // root* : wildcards work
            assertThat(matches(rule, event("user.name", "bob"))).isFalse();
        }

        @Test
        void expand_keepsAnEscapedPercent_andLeavesPlaceholdersAloneWithoutIt() {
            assertThat(matches("""
                    sel:
                      user.name|expand: '\\%%Servers%'
                    condition: sel
                    """, event("user.name", "%srv-01"))).isTrue();
            assertThat(matches("""
                    sel:
                      user.name: '%Servers%'
                    condition: sel
                    """, event("user.name", "%servers%"))).isTrue();
        }

        @Test
        void expand_withAnUnknownPlaceholder_rejectsTheRule() {
            assertThat(error("""
                    sel:
                      user.name|expand: '%JumpServers%'
                    condition: sel
                    """)).isEqualTo("6: user.name: expand: no values configured for placeholder %JumpServers%");
        }

        @Test
        void neq_needsTheFieldPresentAndDifferent() {
            String rule = """
                    sel:
                      user.name|neq: [admin, root]
                    condition: sel
                    """;
            assertThat(matches(rule, event("user.name", "bob"))).isTrue();
            assertThat(matches(rule, event("user.name", "ROOT"))).isFalse();
            assertThat(matches(rule, event())).isFalse();
        }
    }

    @Nested
    class Keywords {
        @Test
        void keywords_searchTheMessageAndTheOriginalLine() {
            String rule = """
                    keywords:
                      - 'martinstevens'
                      - 'DSLastAccess'
                    condition: keywords
                    """;
            assertThat(matches(rule, event("message", "Login succeeded for MartinStevens/Users"))).isTrue();
            assertThat(matches(rule, event("event.original", "x dslastaccess=1 y"))).isTrue();
            assertThat(matches(rule, event("user.name", "martinstevens"))).isFalse();
        }

        @Test
        void keywords_withAll_needEveryWord() {
            String rule = """
                    keywords:
                      '|all':
                        - 'license'
                        - 'keys-status'
                    condition: keywords
                    """;
            assertThat(matches(rule, event("message", "GET /api/v1/license/keys-status/x"))).isTrue();
            assertThat(matches(rule, event("message", "GET /api/v1/license/"))).isFalse();
        }

        @Test
        void aKeyword_mayHaveWildcards_andModifiers() {
            assertThat(matches("""
                    keywords: 'adm*failed'
                    condition: keywords
                    """, event("message", "admin login failed twice"))).isTrue();
            assertThat(matches("""
                    keywords:
                      '|re': 'AUT2[0-9]{3}'
                    condition: keywords
                    """, event("message", "AUT24414: x"))).isTrue();
        }

        @Test
        void keywords_takeNoNumericModifier() {
            assertThat(error("""
                    keywords:
                      '|gt': 3
                    condition: keywords
                    """)).contains("a keyword search (no field name) takes only string modifiers");
        }
    }

    @Test
    void unknownModifiers_areLoadErrors_withTheLine() {
        assertThat(error("""
                sel:
                  user.name: x
                  url.original|contain: y
                condition: sel
                """)).isEqualTo("7: url.original: unknown modifier 'contain'");
    }

    @Test
    void conflictingModifiers_areLoadErrors() {
        assertThat(error("""
                sel:
                  url.original|re|contains: y
                condition: sel
                """)).contains("'re' does not combine with contains");
        assertThat(error("""
                sel:
                  url.original|contains|endswith: y
                condition: sel
                """)).contains("only one of contains, startswith, endswith");
    }
}
