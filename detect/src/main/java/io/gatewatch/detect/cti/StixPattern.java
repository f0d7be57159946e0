package io.gatewatch.detect.cti;

import java.util.List;
import java.util.Objects;

/**
 * The syntax tree of a STIX 2.1 pattern (STIX 2.1 §9). Observation expressions are joined by
 * {@code AND}, {@code OR} and {@code FOLLOWEDBY}; each holds a comparison expression in brackets
 * and optional qualifiers.
 */
public final class StixPattern {
    private StixPattern() {}

    /** An observation expression: one bracket, or several joined by an observation operator. */
    public sealed interface Expression permits Observation, Composite {
        List<Qualifier> qualifiers();
    }

    /** {@code [ comparison ]} with its qualifiers. */
    public record Observation(Comparison comparison, List<Qualifier> qualifiers) implements Expression {
        public Observation {
            Objects.requireNonNull(comparison, "comparison");
            qualifiers = List.copyOf(qualifiers);
        }
    }

    /** Observations joined by one operator, e.g. {@code [a] OR [b] OR [c]}, with the qualifiers of a parenthesised group. */
    public record Composite(ObservationOperator operator, List<Expression> parts, List<Qualifier> qualifiers)
            implements Expression {
        public Composite {
            parts = List.copyOf(parts);
            qualifiers = List.copyOf(qualifiers);
        }
    }

    public enum ObservationOperator { AND, OR, FOLLOWEDBY }

    /** What sits inside a bracket: a property test, or tests joined by AND or OR. */
    public sealed interface Comparison permits Test, Junction {}

    /** Tests joined by one boolean operator. */
    public record Junction(boolean and, List<Comparison> parts) implements Comparison {
        public Junction {
            parts = List.copyOf(parts);
        }
    }

    /**
     * One property test, e.g. {@code ipv4-addr:value ISSUBSET '10.0.0.0/8'}.
     *
     * @param objectType {@code ipv4-addr}
     * @param path the property path: names, quoted names ({@code 'SHA-256'}) and list indexes ({@code *} or a number) as text
     * @param negated preceded by {@code NOT}
     * @param operator the operator, upper case ({@code =}, {@code !=}, {@code <}, {@code IN}, {@code LIKE}, {@code MATCHES},
     *     {@code ISSUBSET}, {@code ISSUPERSET}, {@code EXISTS}); {@code ==} is read as {@code =} and {@code <>} as {@code !=}
     * @param values the literal, or the members of an {@code IN} set; empty for {@code EXISTS}
     */
    public record Test(String objectType, List<String> path, boolean negated, String operator, List<Literal> values)
            implements Comparison {
        public Test {
            path = List.copyOf(path);
            values = List.copyOf(values);
        }

        /** {@code objectType:path}, with quoted names as written: {@code file:hashes.SHA-256}. */
        public String objectPath() {
            return objectType + ":" + String.join(".", path);
        }
    }

    /** A literal; {@code text} is the unescaped string, the number, the timestamp, hex or base64 text. */
    public record Literal(LiteralKind kind, String text) {
        public Literal {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
        }
    }

    public enum LiteralKind { STRING, INTEGER, FLOAT, BOOLEAN, TIMESTAMP, HEX, BINARY }

    /** {@code WITHIN n SECONDS}, {@code REPEATS n TIMES} or {@code START t'…' STOP t'…'}. */
    public record Qualifier(QualifierKind kind, String first, String second) {}

    public enum QualifierKind { WITHIN, REPEATS, START_STOP }

    /** The outcome of parsing untrusted pattern text: a tree, or where and why it is invalid. */
    public sealed interface ParseResult permits Parsed, Invalid {}

    public record Parsed(Expression expression) implements ParseResult {}

    /** @param position zero-based character offset of the error */
    public record Invalid(int position, String message) implements ParseResult {
        @Override
        public String toString() {
            return message + " at position " + position;
        }
    }
}
