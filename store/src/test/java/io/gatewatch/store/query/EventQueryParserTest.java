package io.gatewatch.store.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.store.query.QueryNode.Bound;
import io.gatewatch.store.query.QueryNode.Match;
import io.gatewatch.store.query.QueryNode.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every construct of the language, as the syntax tree it parses into. */
class EventQueryParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n ", "*", "*:*", "  *  "})
    void blankAndStarMatchEverything(String query) {
        assertThat(Ast.of(query)).isEqualTo("*");
    }

    @Test
    void nullMatchesEverything() {
        assertThat(Ast.render(EventQueries.parse(null))).isEqualTo("*");
    }

    @Test
    void fieldValueAndPhrases() {
        assertThat(Ast.of("user.name:admin")).isEqualTo("user.name:admin");
        assertThat(Ast.of("user.name:\"John Doe\"")).isEqualTo("user.name:\"John Doe\"");
        assertThat(Ast.of("user.name: admin")).isEqualTo("user.name:admin");
        assertThat(Ast.of("@timestamp:now")).isEqualTo("@timestamp:now");
    }

    @Test
    void freeTextSearchesTheMessage() {
        assertThat(Ast.of("failed")).isEqualTo("message:failed");
        assertThat(Ast.of("\"login failed\"")).isEqualTo("message:\"login failed\"");
        assertThat(Ast.of("login failed")).isEqualTo("and(message:login, message:failed)");
    }

    @Test
    void positionsPointAtTheValue() {
        QueryNode node = EventQueries.parse("a:b  source.port:[1 TO 5}");
        assertThat(node).isInstanceOf(QueryNode.And.class);
        var clauses = ((QueryNode.And) node).clauses();
        assertThat(clauses.get(0)).isEqualTo(new Match("a", "b", false, 2));
        assertThat(clauses.get(1)).isEqualTo(new Range("source.port", new Bound("1", true, 18), new Bound("5", false, 23), 17));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", textBlock = """
            a AND b       => and(message:a, message:b)
            a && b        => and(message:a, message:b)
            a b           => and(message:a, message:b)
            a OR b        => or(message:a, message:b)
            a || b        => or(message:a, message:b)
            NOT a         => not(message:a)
            !a            => not(message:a)
            ! a           => not(message:a)
            -a            => not(message:a)
            +a            => message:a
            NOT NOT a     => message:a
            -!a           => message:a
            a -b          => and(message:a, not(message:b))
            a NOT b       => and(message:a, not(message:b))
            a OR b c      => or(message:a, and(message:b, message:c))
            a OR b AND c  => or(message:a, and(message:b, message:c))
            a AND b OR c  => or(and(message:a, message:b), message:c)
            NOT a AND b   => and(not(message:a), message:b)
            NOT a OR b    => or(not(message:a), message:b)
            NOT (a OR b)  => not(or(message:a, message:b))
            NOT(a OR b)   => not(or(message:a, message:b))
            (a OR b) c    => and(or(message:a, message:b), message:c)
            ((a))         => message:a
            a OR b OR c   => or(message:a, message:b, message:c)
            a AND b AND c => and(message:a, message:b, message:c)
            and or not    => and(message:and, message:or, message:not)
            a&&b          => message:a&&b
            a||b          => message:a||b
            a!b           => message:a!b
            """)
    void operatorsAndPrecedence(String query, String expected) {
        assertThat(Ast.of(query)).isEqualTo(expected);
    }

    @Test
    void documentedExamplesFromTheReferencePlatform() {
        assertThat(Ast.of("event.type:connection AND NOT action.outcome:failure AND destination.domain:evil*"))
                .isEqualTo("and(event.type:connection, not(action.outcome:failure), destination.domain:wild(evil*))");
        assertThat(Ast.of("sekoiaio.intake.parsing_status:\"success\" AND NOT(sekoiaio.intake.dialect:\"apache\" "
                + "OR sekoiaio.intake.dialect:\"nginx\")"))
                .isEqualTo("and(sekoiaio.intake.parsing_status:\"success\", not(or(sekoiaio.intake.dialect:\"apache\", "
                        + "sekoiaio.intake.dialect:\"nginx\")))");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", textBlock = """
            user.name:adm*            => user.name:wild(adm*)
            user.name:a?min           => user.name:wild(a?min)
            adm*                      => message:wild(adm*)
            user.name:*               => exists(user.name)
            _exists_:user.name        => exists(user.name)
            _exists_: "user.name"     => exists(user.name)
            NOT _exists_:user.name    => not(exists(user.name))
            user.name:adm\\*          => user.name:adm*
            user.name:"adm*"          => user.name:"adm*"
            user.name:a\\*b*          => user.name:wild(a\\*b*)
            user.name:a\\\\b*         => user.name:wild(a\\\\b*)
            user.name:/adm[0-9]+/     => user.name:/adm[0-9]+/
            /fail(ed|ure)/            => message:/fail(ed|ure)/
            url.path:/a\\/b/          => url.path:/a\\/b/
            url.path:"/dana-na/auth/" => url.path:"/dana-na/auth/"
            url.path:\\/dana-na/auth/ => url.path:/dana-na/auth/
            (user.name:/a.c/)         => user.name:/a.c/
            /a/ /b/                   => and(message:/a/, message:/b/)
            """)
    void wildcardsRegexesAndExistence(String query, String expected) {
        assertThat(Ast.of(query)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", textBlock = """
            source.port:[1 TO 1024]                         => source.port:[1 TO 1024]
            source.port:{1 TO 1024}                         => source.port:{1 TO 1024}
            source.port:[1 TO 1024}                         => source.port:[1 TO 1024}
            source.port:{1 TO 1024]                         => source.port:{1 TO 1024]
            source.port:[1024 TO *]                         => source.port:[1024 TO *]
            source.port:[* TO 1024]                         => source.port:[* TO 1024]
            source.port:[  1   TO   2  ]                    => source.port:[1 TO 2]
            source.port:>1024                               => source.port:{1024 TO *]
            source.port:>=1024                              => source.port:[1024 TO *]
            source.port:<1024                               => source.port:[* TO 1024}
            source.port:<=1024                              => source.port:[* TO 1024]
            source.port:> 1024                              => source.port:{1024 TO *]
            source.port:>-5                                 => source.port:{-5 TO *]
            @timestamp:[now-1d/d TO now]                    => @timestamp:[now-1d/d TO now]
            @timestamp:[2026-11-23T10:00:00Z TO 2026-11-24] => @timestamp:[2026-11-23T10:00:00Z TO 2026-11-24]
            @timestamp:>2026-11-23T10:00:00+01:00           => @timestamp:{2026-11-23T10:00:00+01:00 TO *]
            user.name:["a b" TO "c d"]                      => user.name:[a b TO c d]
            user.name:[\\* TO z]                            => user.name:[* TO z]
            user.name:>"x y"                                => user.name:{x y TO *]
            source.ip:[10.0.0.0 TO 10.255.255.255]          => source.ip:[10.0.0.0 TO 10.255.255.255]
            source.ip:[2001:db8:: TO 2001:db8::ffff]        => source.ip:[2001:db8:: TO 2001:db8::ffff]
            """)
    void rangesAndComparisons(String query, String expected) {
        assertThat(Ast.of(query)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", textBlock = """
            source.ip:10.0.0.0/8        => source.ip:10.0.0.0/8
            source.ip:"2001:db8::/32"   => source.ip:"2001:db8::/32"
            source.ip:"2001:db8::1"     => source.ip:"2001:db8::1"
            source.ip:2001\\:db8\\:\\:1 => source.ip:2001:db8::1
            source.ip:2001:db8::1       => source.ip:2001:db8::1
            source.ip:::1               => source.ip:::1
            source.ip:10.0.*            => source.ip:wild(10.0.*)
            """)
    void ipValues(String query, String expected) {
        assertThat(Ast.of(query)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", textBlock = """
            "say \\"hi\\""    => message:"say "hi""
            "back\\\\slash"   => message:"back\\slash"
            my\\ field:x      => my field:x
            a\\:b             => message:a:b
            \\(a\\)           => message:(a)
            \\-a              => message:-a
            \\AND             => message:AND
            a\\~b             => message:a~b
            a\\[1\\]          => message:a[1]
            user.name:\\(x\\) => user.name:(x)
            """)
    void backslashEscapes(String query, String expected) {
        assertThat(Ast.of(query)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", textBlock = """
            user.name:-x              => user.name:-x
            user.name:+x              => user.name:+x
            user.name:!x              => user.name:!x
            user.name:AND             => user.name:AND
            url.original:http://h/p?q => url.original:wild(http://h/p?q)
            a:b:c                     => a:b:c
            now-1h                    => message:now-1h
            """)
    void valuesAfterAColonTakeOperatorCharsLiterally(String query, String expected) {
        assertThat(Ast.of(query)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", textBlock = """
            event.code:(AUT24803 OR AUT24804) => or(event.code:AUT24803, event.code:AUT24804)
            event.code:(a b)                  => and(event.code:a, event.code:b)
            user.name:(adm* -root)            => and(user.name:wild(adm*), not(user.name:root))
            user.name:(a OR other:b)          => or(user.name:a, other:b)
            source.port:([1 TO 5] OR >1000)   => or(source.port:[1 TO 5], source.port:{1000 TO *])
            user.name:(*)                     => exists(user.name)
            user.name:("a b" OR /c+/)         => or(user.name:"a b", user.name:/c+/)
            """)
    void fieldGroups(String query, String expected) {
        assertThat(Ast.of(query)).isEqualTo(expected);
    }

    @Test
    void limitsAreInclusive() {
        String deep = "(".repeat(QueryLimits.MAX_DEPTH) + "a" + ")".repeat(QueryLimits.MAX_DEPTH);
        assertThat(Ast.of(deep)).isEqualTo("message:a");
        String many = "a ".repeat(QueryLimits.MAX_CLAUSES).strip();
        assertThat(((QueryNode.And) EventQueries.parse(many)).clauses()).hasSize(QueryLimits.MAX_CLAUSES);
        String longPattern = "a".repeat(QueryLimits.MAX_PATTERN_CHARS - 1) + "*";
        assertThat(Ast.of("user.name:" + longPattern)).isEqualTo("user.name:wild(" + longPattern + ")");
        String longest = "message:" + "x".repeat(QueryLimits.MAX_QUERY_BYTES - "message:".length());
        assertThat(EventQueries.parse(longest)).isInstanceOf(Match.class);
    }
}
