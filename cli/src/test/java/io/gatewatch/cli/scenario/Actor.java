package io.gatewatch.cli.scenario;

/**
 * Who a log line is about, as the appliance writes it: the account, its realm and roles, the
 * client address and user agent, and which key layout the appliance uses for that kind of line.
 *
 * @param kind which log the line belongs to, and so its layout in every format
 * @param user the account name ({@code System} for the appliance itself)
 * @param realm the realm, empty for the appliance and for requests without a session
 * @param roles the roles, empty when none
 * @param ip the address the line is about: becomes {@code source.ip} in every format
 * @param agent the user agent, empty when the line carries none
 */
public record Actor(Kind kind, String user, String realm, String roles, String ip, String agent) {
    /** The kinds of lines, each with its own layout (see {@link LineRenderer}). */
    public enum Kind {
        /** User access log: a signed-in or signing-in user. */
        USER,
        /** Admin access log, with the administrator's address. */
        ADMIN,
        /** The appliance itself (events log), address 127.0.0.1. */
        SYSTEM,
        /** A request that has no session yet: the user is "System", the address the client's. */
        UNAUTHENTICATED,
        /**
         * The older admin access layout without a {@code src} key, used for the console's
         * recovery-token lines: the address is only in the message text.
         */
        CONSOLE
    }

    public static final String ADMIN_REALM = "Admin Users";
    public static final String ADMIN_ROLES = ".Administrators";

    public static Actor user(String user, String realm, String roles, String ip, String agent) {
        return new Actor(Kind.USER, user, realm, roles, ip, agent);
    }

    public static Actor admin(String user, String ip) {
        return new Actor(Kind.ADMIN, user, ADMIN_REALM, ADMIN_ROLES, ip, "");
    }

    public static Actor system() {
        return new Actor(Kind.SYSTEM, "System", "", "", "127.0.0.1", "");
    }

    public static Actor unauthenticated(String ip) {
        return new Actor(Kind.UNAUTHENTICATED, "System", "", "", ip, "");
    }

    /** The console, acting for the address named in the message ({@code ip}). */
    public static Actor console(String ip) {
        return new Actor(Kind.CONSOLE, "System", "", "", ip, "");
    }

    /** Whether {@link #user} is a real account that every format carries as {@code user.name}. */
    public boolean namesAnAccount() {
        return kind == Kind.USER || kind == Kind.ADMIN;
    }
}
