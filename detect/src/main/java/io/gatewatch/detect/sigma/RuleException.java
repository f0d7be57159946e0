package io.gatewatch.detect.sigma;

/**
 * Why one rule (or one YAML document) cannot load, and where: caught by the loader, which turns it
 * into a {@link LoadError} naming the file and goes on with the next rule.
 */
final class RuleException extends RuntimeException {
    private final int line;

    RuleException(int line, String reason) {
        super(reason, null, false, false);
        this.line = line;
    }

    int line() {
        return line;
    }

    String reason() {
        return getMessage();
    }
}
