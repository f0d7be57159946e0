package io.gatewatch.server.http;

/** A request the API answers with an error status and a JSON reason. */
final class HttpError extends Exception {
    final int status;

    HttpError(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }
}
