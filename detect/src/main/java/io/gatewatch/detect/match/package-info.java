/**
 * Compiled matching: rule conditions ({@link io.gatewatch.detect.match.Expr} over
 * {@link io.gatewatch.detect.match.Predicate}s) compiled into matchers grouped by field (hash
 * maps for equality, one Aho-Corasick automaton per field, CIDR tries) and a candidate index,
 * so that the cost per event grows with what the event contains, not with the number of rules.
 */
package io.gatewatch.detect.match;
