package io.gatewatch.store.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a query can be refused, with where and why. */
class QuerySyntaxErrorTest {
    static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

    static QuerySyntaxException error(String query) {
        QuerySyntaxException e = catchThrowableOfType(QuerySyntaxException.class, () -> EventQueries.compile(query, NOW));
        assertThat(e).as("error for %s", query).isNotNull();
        assertThat(e.getMessage()).isEqualTo("at position " + e.position() + ": " + e.reason());
        assertThat(e.position()).isBetween(0, query.length());
        return e;
    }

    static void assertError(String query, int position, String reason) {
        QuerySyntaxException e = error(query);
        assertThat(e.reason()).as("reason for %s", query).contains(reason);
        assertThat(e.position()).as("position for %s (%s)", query, e.reason()).isEqualTo(position);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            (a OR b                      => 7  => expected ')' to close '(' opened at 0
            ((a) b                       => 6  => expected ')' to close '(' opened at 0
            user.name:(a OR b            => 17 => expected ')' to close '(' opened at 10
            a OR b)                      => 6  => unexpected ')' without a matching '('
            )                            => 0  => unexpected ')' without a matching '('
            "unterminated                => 0  => unterminated quoted phrase
            user.name:"abc               => 10 => unterminated quoted phrase
            "a\\"                        => 0  => unterminated quoted phrase
            a AND                        => 2  => operator 'AND' has no clause after it
            a OR OR b                    => 2  => operator 'OR' has no clause after it (found 'OR' at 5)
            a && || b                    => 2  => operator '&&' has no clause after it (found '||' at 5)
            (a AND)                      => 3  => operator 'AND' has no clause after it (found ')' at 6)
            AND a                        => 0  => operator 'AND' has no clause before it
            OR                           => 0  => operator 'OR' has no clause before it
            NOT                          => 0  => operator 'NOT' has no clause after it
            a NOT                        => 2  => operator 'NOT' has no clause after it
            !                            => 0  => operator '!' has no clause after it
            a -                          => 2  => dangling operator '-'
            a - b                        => 2  => dangling operator '-'
            + a                          => 0  => dangling operator '+'
            -(                           => 2  => unexpected end of the query
            ()                           => 1  => empty parentheses opened at 0
            :value                       => 0  => expected a field name before ':'
            a :b                         => 2  => expected a field name before ':'
            user.name:                   => 10 => expected a value after 'user.name:'
            user.name:   )               => 13 => expected a value after 'user.name:'
            user.*:x                     => 0  => wildcards are not allowed in field names
            *:x                          => 0  => '*' as a field name only works in '*:*'
            _exists_:                    => 9  => expected a value after '_exists_:'
            _exists_:adm*                => 9  => '_exists_:' takes a field name
            _exists_:(a)                 => 9  => '_exists_:' takes a field name
            _exists_:""                  => 9  => empty field name
            source.port:[1 TO 5          => 19 => expected ']' or '}' to close the range opened at 12
            source.port:[1 5]            => 15 => expected 'TO' in the range opened at 12
            source.port:[1 to 5]         => 15 => expected 'TO' in the range opened at 12
            source.port:[1 TO ]          => 18 => missing bound in the range opened at 12
            source.port:[]               => 13 => missing bound in the range opened at 12
            source.port:["1 TO 5]        => 13 => unterminated quoted phrase
            [1 TO 5]                     => 0  => a range or comparison needs a field
            >5                           => 0  => a range or comparison needs a field
            source.port:>                => 13 => expected a value after '>'
            source.port:>= )             => 15 => expected a value after '>='
            source.port:>=*              => 14 => wildcards cannot follow '>='
            /unterminated                => 0  => unterminated regular expression
            user.name:/abc\\/            => 10 => unterminated regular expression
            user.name://                 => 10 => empty regular expression
            url.path:/dana-na/auth/x.cgi => 9  => a value starting with '/' is a regular expression, and this one ends before 'a': to search a path, quote it or escape its first '/' as \\/
            /a/b                         => 0  => ends before 'b'
            /a/"b"                       => 0  => ends before '"'
            a\\                          => 1  => dangling escape
            source.port:[1\\             => 14 => dangling escape
            foo~2                        => 3  => '~' is reserved (fuzzy and proximity searches are not supported)
            foo^2                        => 3  => '^' is reserved (boosts are not supported)
            ~foo                         => 0  => '~' is reserved
            user.name:^x                 => 10 => '^' is reserved
            a]                           => 1  => ']' is reserved for ranges
            a{b                          => 1  => '{' is reserved for ranges
            ]                            => 0  => unexpected ']' outside a range
            user.name:}                  => 10 => unexpected '}' outside a range
            """)
    void syntaxErrors(String query, int position, String reason) {
        assertError(query, position, reason);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            source.ip:10.0.0.256                 => 10 => '10.0.0.256' is not an IP address or CIDR block (source.ip is an IP field)
            source.ip:example.com                => 10 => 'example.com' is not an IP address
            source.ip:localhost                  => 10 => 'localhost' is not an IP address
            source.ip:010.0.0.1                  => 10 => is not an IP address
            source.ip:"2001:db8::g"              => 10 => is not an IP address
            source.ip:10.0.0.0/33                => 10 => prefix length /33 is over 32
            source.ip:"2001:db8::/129"           => 10 => prefix length /129 is over 128
            source.ip:"::ffff:10.0.0.0/64"       => 10 => too short for an IPv4-mapped address
            source.ip:10.0.0.0/x                 => 10 => '10.0.0.0/x' is not a CIDR block
            source.ip:10.0.0.0/                  => 10 => is not a CIDR block
            source.ip:bad/8                      => 10 => is not a CIDR block
            source.ip:10.0.*.1                   => 10 => wildcards on the IP field source.ip only work on whole trailing IPv4 octets
            source.ip:10.0*                      => 10 => only work on whole trailing IPv4 octets
            source.ip:2001:db8:*                 => 10 => only work on whole trailing IPv4 octets
            source.ip:[10.0.0.1 TO nope]         => 23 => 'nope' is not an IP address
            source.ip:[10.0.0.0/8 TO *]          => 11 => range bounds are single addresses
            source.ip:/10\\..*/                  => 10 => regular expressions only apply to keyword and text fields; source.ip is an IP field
            source.port:abc                      => 12 => 'abc' is not a whole number (source.port is a number field)
            source.port:1.5                      => 12 => '1.5' is not a whole number
            source.port:""                       => 12 => '' is not a whole number
            source.port:-                        => 12 => '-' is not a whole number
            source.port:99999999999999999999     => 12 => is not a whole number
            source.port:9223372036854775808      => 12 => is not a whole number
            source.port:[1 TO x]                 => 18 => 'x' is not a whole number
            source.port:>x                       => 13 => 'x' is not a whole number
            source.port:4*                       => 12 => wildcards only apply to keyword and text fields; source.port is a number field
            source.port:/4.*/                    => 12 => regular expressions only apply to keyword and text fields; source.port is a number field
            @timestamp:2026*                     => 11 => wildcards only apply to keyword and text fields; @timestamp is a date field
            @timestamp:yesterday                 => 11 => 'yesterday' is not a date (@timestamp is a date field): expected a four-digit year in date
            @timestamp:now-1x                    => 11 => unknown date-math unit 'x' (use y, M, w, d, h, H, m or s)
            @timestamp:now-1                     => 11 => missing unit after '-1'
            @timestamp:now-h                     => 11 => expected a number after '-'
            @timestamp:now*2d                    => 11 => wildcards only apply
            @timestamp:now!2d                    => 11 => unexpected '!' in date math
            @timestamp:2026-13-01                => 11 => month 13 out of range
            @timestamp:2026-02-29                => 11 => day 29 out of range for 2026-02
            @timestamp:2026-11-23T24:00          => 11 => hour 24 out of range
            @timestamp:2026-11-23T10:60          => 11 => minute 60 out of range
            @timestamp:2026-11-23T10:00:00+19:00 => 11 => offset out of range
            @timestamp:2026-11-23T10:00:00X      => 11 => unexpected 'X' in date
            @timestamp:2026-11-23Z               => 11 => unexpected 'Z' in date
            @timestamp:26-11-23                  => 11 => expected a four-digit year
            @timestamp:9999999999999999999       => 11 => epoch milliseconds out of range
            @timestamp:now+999999999y            => 11 => date out of range
            @timestamp:[now-1d TO later]         => 22 => 'later' is not a date
            @timestamp:{2026-11-23 TO x]         => 26 => 'x' is not a date
            message:[a TO b]                     => 8  => ranges need a keyword, number, date or IP field; message is full text
            message.keyword:Login*               => 16 => wildcards do not apply to message.keyword, which matches whole values only: search message.keyword:"…" for an exact value, or message for words, phrases and wildcards
            message.keyword:/Login.*/            => 16 => regular expressions do not apply to message.keyword
            message.keyword:[a TO b]             => 16 => ranges do not apply to message.keyword
            error.message.keyword:>a             => 22 => ranges do not apply to error.message.keyword, which matches whole values only: search error.message.keyword:"…" for an exact value, or error.message for words
            event.id:0000*                       => 9  => wildcards do not apply to event.id, which is the journal offset as a UUID: search an exact id, or a range of _offset
            event.id:/0.*/                       => 9  => regular expressions do not apply to event.id
            event.id:[a TO b]                    => 9  => ranges do not apply to event.id
            error.message:>a                     => 14 => error.message is full text
            [a TO b]                             => 0  => a range or comparison needs a field
            _source:x                            => 8  => the field _source is not searchable
            _exists_:_source                     => 9  => the field _source is not searchable
            _source_rest:x                       => 13 => the field _source_rest is not searchable
            _source_derived:x                    => 16 => the field _source_derived is not searchable
            user.name:/[a/                       => 10 => invalid regular expression
            user.name:/a{2,1}/                   => 10 => invalid regular expression
            user.name:/(a{999}){999}/            => 10 => regular expression too costly: its repetitions would build more than 10000 automaton states
            user.name:/((a{99}){99}){99}/        => 10 => regular expression too costly: its repetitions would build
            user.name:/a{1,1000000000}/          => 10 => regular expression too costly: its repetitions would build
            user.name:/a?{999}/                  => 10 => regular expression too costly: its repetitions would build
            user.name:/.*{999}/                  => 10 => regular expression too costly: its repetitions would build
            user.name:/(b|a*){200}/              => 10 => regular expression too costly: its repetitions would build
            user.name:/a{99999999999999}/        => 10 => regular expression too costly: its repetitions would build
            user.name:/.*a.{20}/                 => 10 => regular expression too costly to run
            message:/.*a.{20}/                   => 8  => regular expression too costly to run
            """)
    void valuesThatDoNotFitTheirField(String query, int position, String reason) {
        assertError(query, position, reason);
    }

    @Test
    void nestingDeeperThanTheLimit() {
        int over = QueryLimits.MAX_DEPTH + 1;
        assertError("(".repeat(over) + "a" + ")".repeat(over), QueryLimits.MAX_DEPTH, "parentheses nested deeper than 32 levels");
        String groups = "a:(".repeat(over) + "b" + ")".repeat(over);
        assertError(groups, 3 * QueryLimits.MAX_DEPTH + 2, "parentheses nested deeper than 32 levels");
        String regex = "user.name:/" + "(".repeat(over) + "a" + ")".repeat(over) + "/";
        assertError(regex, 10, "regular expression nested deeper than 32 groups");
    }

    @Test
    void queryLongerThanTheLimit() {
        assertError("a".repeat(QueryLimits.MAX_QUERY_BYTES + 1), QueryLimits.MAX_QUERY_BYTES, "query longer than 8192 bytes");
        // Two bytes each in UTF-8: the 4097th char crosses the limit.
        assertError("é".repeat(QueryLimits.MAX_QUERY_BYTES / 2 + 1), QueryLimits.MAX_QUERY_BYTES / 2, "query longer than 8192 bytes");
        String huge = "x".repeat(10_000_000);
        assertError(huge, QueryLimits.MAX_QUERY_BYTES, "query longer than");
    }

    @Test
    void moreClausesThanTheLimit() {
        assertError("a ".repeat(QueryLimits.MAX_CLAUSES + 1), 2 * QueryLimits.MAX_CLAUSES, "more than 1024 clauses");
        // Words of one unquoted value on a text field are clauses of their own.
        String words = "message:" + "w-".repeat(QueryLimits.MAX_CLAUSES) + "w";
        assertError(words, 8, "more than 1024 clauses");
        // So are the match-all companions that negations need in an OR.
        String negations = "NOT a OR ".repeat(QueryLimits.MAX_CLAUSES / 2 + 1) + "b";
        assertThat(error(negations).reason()).isEqualTo("more than 1024 clauses");
    }

    @Test
    void patternsLongerThanTheLimit() {
        String wildcard = "user.name:" + "a".repeat(QueryLimits.MAX_PATTERN_CHARS) + "*";
        assertError(wildcard, 10, "wildcard pattern longer than 1000 characters");
        String regex = "user.name:/" + "a".repeat(QueryLimits.MAX_PATTERN_CHARS + 1) + "/";
        assertError(regex, 10, "regular expression longer than 1000 characters");
        String field = "f".repeat(QueryLimits.MAX_FIELD_NAME_CHARS + 1) + ":x";
        assertError(field, 0, "field name longer than 256 characters");
    }

    @Test
    void costlyWildcard() {
        String pattern = "*a" + "?".repeat(20);
        QuerySyntaxException e = error("user.name:" + pattern);
        assertThat(e.reason()).isEqualTo("wildcard pattern too costly to run: use fewer wildcards");
        assertThat(e.position()).isEqualTo(10);
    }
}
