package io.gatewatch.core.welf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WelfLexerTest {
    static Map<String, String> lex(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        WelfTokens t = new WelfTokens();
        WelfLexer.lex(b, 0, b.length, t);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < t.size(); i++) {
            out.put(t.key(i), t.value(i));
        }
        return out;
    }

    @Test
    void quotedValues_areUnquoted() {
        assertThat(lex("id=firewall time=\"2021-01-28 13:46:08\" realm=\"SEKOIA_User\""))
                .containsExactly(Map.entry("id", "firewall"), Map.entry("time", "2021-01-28 13:46:08"),
                        Map.entry("realm", "SEKOIA_User"));
    }

    @Test
    void unquotedValues_keepTheirSpaces() {
        assertThat(lex("vpn=X ivs=Default Network user=bob")).containsEntry("ivs", "Default Network")
                .containsEntry("user", "bob");
    }

    @Test
    void emptyValues_stayEmpty() {
        assertThat(lex("src= dst= dstname= arg=\"\" type=vpn"))
                .containsEntry("src", "").containsEntry("dst", "").containsEntry("dstname", "")
                .containsEntry("arg", "").containsEntry("type", "vpn");
    }

    @Test
    void backslashes_areKeptVerbatim() {
        assertThat(lex("user=MYDomain\\\\johndoe realm=\"A\\B\"")).containsEntry("user", "MYDomain\\\\johndoe")
                .containsEntry("realm", "A\\B");
    }

    @Test
    void quotesInsideAMessage_doNotEndIt() {
        assertThat(lex("msg=\"AUT1: antivirus \"Defender\" not running\" user=bob"))
                .containsEntry("msg", "AUT1: antivirus \"Defender\" not running").containsEntry("user", "bob");
    }

    @Test
    void escapedQuotes_areUnescaped() {
        assertThat(lex("arg=\"say \\\"hi\\\" now\" x=1")).containsEntry("arg", "say \"hi\" now");
    }

    @Test
    void aBackslashBeforeTheClosingQuote_staysAValueCharacter() {
        assertThat(lex("arg=\"C:\\\" user=bob")).containsEntry("arg", "C:\\").containsEntry("user", "bob");
    }

    @Test
    void valuesAreTrimmed_andCrLfIgnored() {
        assertThat(lex("msg=\"SYS32083: stats   \" \r\n")).containsEntry("msg", "SYS32083: stats");
    }

    @Test
    void utf8_survives() {
        assertThat(lex("user=café realm=\"Ré alm\" msg=\"AUT: n'est pas installé\""))
                .containsEntry("user", "café").containsEntry("realm", "Ré alm")
                .containsEntry("msg", "AUT: n'est pas installé");
    }

    @Test
    void truncatedQuotedValue_takesTheRestAndIsFlagged() {
        byte[] b = "user=bob msg=\"AUT22673: Logout from 1.2".getBytes(StandardCharsets.UTF_8);
        WelfTokens t = new WelfTokens();
        WelfLexer.lex(b, 0, b.length, t);
        assertThat(t.truncated()).isTrue();
        assertThat(t.value(1)).isEqualTo("AUT22673: Logout from 1.2");
    }

    @Test
    void garbage_yieldsNoPairsAndCountsStrayBytes() {
        byte[] b = "this is = not welf".getBytes(StandardCharsets.UTF_8);
        WelfTokens t = new WelfTokens();
        WelfLexer.lex(b, 0, b.length, t);
        assertThat(t.size()).isZero();
        assertThat(t.strayBytes()).isPositive();
    }

    @Test
    void lexesOnlyTheGivenRange() {
        byte[] b = "XXuser=bob msg=\"a\"YY".getBytes(StandardCharsets.UTF_8);
        WelfTokens t = new WelfTokens();
        WelfLexer.lex(b, 2, b.length - 2, t);
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.value(1)).isEqualTo("a");
    }

    @Test
    void moreThanMaxPairs_areCutNotOverflowed() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < WelfTokens.MAX_PAIRS + 10; i++) {
            sb.append("k").append(i).append("=v ");
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        WelfTokens t = new WelfTokens();
        WelfLexer.lex(b, 0, b.length, t);
        assertThat(t.size()).isEqualTo(WelfTokens.MAX_PAIRS);
    }
}
