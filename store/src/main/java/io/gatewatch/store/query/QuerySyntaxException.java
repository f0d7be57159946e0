package io.gatewatch.store.query;

/**
 * A query (or a date of a time window) that cannot be run: bad syntax, a value that does not fit
 * its field, or a query over one of the {@link QueryLimits}. The message reads
 * {@code at position 14: expected ')' to close '(' opened at 3}, ready to show to the user.
 *
 * <p>It is an {@link IllegalArgumentException} because it always means bad input, never a fault
 * of the store: callers that map bad input to a client error need no special case.
 */
public final class QuerySyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int position;
    private final String reason;

    /**
     * @param position 0-based offset, in UTF-16 chars, of where the problem is in the text
     * @param reason what is wrong, without the position
     */
    public QuerySyntaxException(int position, String reason) {
        super("at position " + position + ": " + reason);
        this.position = position;
        this.reason = reason;
    }

    /** 0-based offset, in UTF-16 chars, of where the problem is in the text. */
    public int position() {
        return position;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }
}
