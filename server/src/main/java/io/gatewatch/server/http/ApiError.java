package io.gatewatch.server.http;

/**
 * An API answer with an error status: thrown from deep in a route and written once, as
 * {@code {"error": reason}}, by the route's guard.
 */
public final class ApiError extends Exception {
    private final int status;
    private final Integer position;

    public ApiError(int status, String reason) {
        this(status, reason, null);
    }

    /** @param position where in the request text the problem is, or null */
    public ApiError(int status, String reason, Integer position) {
        // No stack trace: this is an answer, not a fault, and is thrown on every bad request.
        super(reason, null, false, false);
        this.status = status;
        this.position = position;
    }

    public int status() {
        return status;
    }

    public Integer position() {
        return position;
    }
}
