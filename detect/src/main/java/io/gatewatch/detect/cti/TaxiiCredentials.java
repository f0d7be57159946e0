package io.gatewatch.detect.cti;

import java.util.function.UnaryOperator;

/**
 * Where the credentials of a TAXII server come from: a Basic user with the name of the
 * environment variable holding its password, or the name of one holding a bearer token, or
 * nothing. Secrets are named, never written: {@code cti pull} and {@code serve}'s configuration
 * both take them from the environment, so they stay out of command lines, files and logs.
 *
 * @param user HTTP Basic user, or null
 * @param passwordEnv variable holding the Basic password, or null (an empty password)
 * @param tokenEnv variable holding a bearer token, or null
 */
public record TaxiiCredentials(String user, String passwordEnv, String tokenEnv) {
    public TaxiiCredentials {
        if (tokenEnv != null && (user != null || passwordEnv != null)) {
            throw new IllegalArgumentException("a bearer token goes without a Basic user and password");
        }
        if (passwordEnv != null && user == null) {
            throw new IllegalArgumentException("a Basic password needs a user");
        }
    }

    public static TaxiiCredentials none() {
        return new TaxiiCredentials(null, null, null);
    }

    /**
     * Reads the secrets now, from {@code env} (the process environment outside tests).
     *
     * @throws IllegalArgumentException naming the variable that is unset or empty
     */
    public TaxiiClient.Auth resolve(UnaryOperator<String> env) {
        if (tokenEnv != null) {
            return new TaxiiClient.Bearer(secret(tokenEnv, env));
        }
        if (user != null) {
            return new TaxiiClient.Basic(user, passwordEnv == null ? "" : secret(passwordEnv, env));
        }
        return new TaxiiClient.None();
    }

    private static String secret(String variable, UnaryOperator<String> env) {
        String v = env.apply(variable);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("environment variable " + variable + " is not set");
        }
        return v;
    }
}
