/**
 * The events query language: a Lucene-like language, as on the events page of the reference
 * platform, parsed by our own lexer and parser ({@link io.gatewatch.store.query.EventQueries})
 * into a syntax tree ({@link io.gatewatch.store.query.QueryNode}) and translated into a Lucene
 * query over the store's index layout ({@link io.gatewatch.store.query.LuceneQueries}).
 *
 * <h2>Clauses</h2>
 * <ul>
 *   <li>{@code field:value}, {@code field:"quoted phrase"}; free text without a field searches
 *       the {@code message} text field ({@code failed}, {@code "login failed"}).
 *   <li>Wildcards {@code *} (any run) and {@code ?} (one char): {@code user.name:adm*}.
 *   <li>Regular expressions, Lucene syntax, matching whole terms: {@code user.name:/adm[0-9]+/}.
 *       Lucene's optional operators are off, so {@code & ~ # @ < >} match themselves. A value
 *       that starts with {@code /} is a regex, so quote paths ({@code url.path:"/dana-na/"}) or
 *       escape their first slash.
 *   <li>Existence: {@code field:*} or {@code _exists_:field}. Alone, {@code *} and {@code *:*}
 *       match everything, and so does a blank query.
 *   <li>Ranges: {@code [a TO b]} (inclusive), {@code {a TO b}} (exclusive), mixed
 *       <code>[a TO b&#125;</code>, {@code *} for an open end; comparisons {@code field:>x},
 *       {@code >=}, {@code <}, {@code <=}.
 *   <li>Grouping a field over several values: {@code event.code:(AUT24803 OR AUT24804)}.
 * </ul>
 *
 * <h2>Operators and precedence</h2>
 * {@code NOT} (also {@code !} and a prefix {@code -}) binds tighter than {@code AND} (also
 * {@code &&}, or nothing: clauses side by side must all match), which binds tighter than
 * {@code OR} (also {@code ||}): {@code a OR b c} is {@code a OR (b AND c)}, and
 * {@code NOT a b} is {@code (NOT a) AND b}. A prefix {@code +} changes nothing (clauses are
 * required already). Parentheses group. The keywords must be upper case: {@code and} is a word.
 * A prefix {@code -} or {@code +} must touch its clause ({@code -user.name:root}).
 *
 * <h2>Values and escaping</h2>
 * A backslash makes the next char literal anywhere ({@code \*}, {@code \:}, {@code \"},
 * {@code \(}, {@code \\}); inside quotes only {@code \"} and {@code \\} need it, and wildcards
 * there are literal. Right after {@code field:} a colon is an ordinary char, so IPv6 addresses
 * and times need no escaping there ({@code source.ip:2001:db8::1}); quoting or escaping them
 * ({@code "2001:db8::1"}, {@code 2001\:db8\:\:1}) works too, and is needed inside ranges only for
 * spaces. {@code [ ] { }} and {@code ^ ~} (boosts and fuzzy search, not supported) are reserved
 * in bare words: escape them or quote the value.
 *
 * <h2>How values match, by the kind of the field</h2>
 * <ul>
 *   <li><b>keyword</b> (most fields): the exact value, case-sensitive, as an Elasticsearch
 *       keyword ({@code user.name:Admin} does not find {@code admin}); ranges compare strings.
 *   <li><b>text</b> ({@code message}, {@code error.message}, {@code *.text}): analysed like the
 *       indexed text, so case-insensitive words; a quoted phrase needs its words in order, a
 *       bare value splitting into several words needs them all. Wildcards are lower-cased and
 *       regexes case-insensitive; ranges are refused.
 *   <li><b>exact twin</b> ({@code message.keyword}, {@code error.message.keyword}): the whole
 *       value, case-sensitive, matched by its fingerprint; wildcards, regexes and ranges are
 *       refused (they need the text: use {@code message}).
 *   <li><b>{@code event.id}</b>: an exact id (the journal offset as a UUID); patterns and ranges
 *       are refused ({@code _offset} takes ranges of journal positions).
 *   <li><b>IP</b>: an address, a CIDR block ({@code 10.0.0.0/8}, {@code "2001:db8::/32"}), a
 *       range, or an IPv4 wildcard on whole trailing octets ({@code 10.0.*}).
 *   <li><b>number</b>: whole numbers and ranges of them.
 *   <li><b>date</b>: see {@link io.gatewatch.store.query.DateMath} (ISO 8601, epoch
 *       milliseconds, {@code now-1h}, {@code now-7d/d}). A date names a period as long as its
 *       precision: {@code @timestamp:2026-11-23} is that whole day.
 * </ul>
 *
 * <h2>Limits</h2>
 * Queries are untrusted input; {@link io.gatewatch.store.query.QueryLimits} bounds their
 * length, nesting, clause count and pattern cost. Every failure is a
 * {@link io.gatewatch.store.query.QuerySyntaxException} with the position of the problem.
 */
package io.gatewatch.store.query;
