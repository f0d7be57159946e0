package io.gatewatch.cli.scenario;

/**
 * The built-in rules the scenarios plant alerts for, by their stable id (the ids are a contract:
 * alerts stored or forwarded elsewhere refer to them) and the file that holds each, for messages.
 */
public enum BuiltinRule {
    BRUTE_FORCE("d09db373-f5d1-48fe-902a-16b678ffa0fd", "brute-force"),
    SUCCESS_AFTER_FAILURES("dd792d91-3525-4791-96c2-b636ae9a0bf8", "success-after-failures"),
    PASSWORD_SPRAYING("6503e7a7-36ce-4af1-bc7c-38c127d5cf82", "password-spraying"),
    CVE_2019_11510("c1636ef5-a47b-4602-8117-dc711b209eb9", "cve-2019-11510-file-read"),
    CVE_2021_22893("6af9d6a7-3b9f-4683-aef8-ee5990e743b6", "cve-2021-22893-exploitation"),
    CVE_2023_46805_2024_21887("ed9dd66c-bd43-418a-9edd-7cba9d0332b0", "cve-2023-46805-cve-2024-21887-exploitation"),
    CVE_2024_21893("c5c1da38-8d0f-4556-8e7b-d2f5eef40ad6", "cve-2024-21893-saml-ssrf"),
    CVE_2025_0282_VERSION_CHECK("b434741b-a405-4457-bea6-81320ef61073", "cve-2025-0282-version-check"),
    VERSION_FILE_PROBE("0bebbb4d-bba0-497c-ae19-0aa0776bf90c", "version-file-probe"),
    UNAUTHENTICATED_PATH_TRAVERSAL("6568a9f2-c85c-4c94-89f3-ffd170fb2775", "unauthenticated-path-traversal"),
    ADMIN_LOGIN_FROM_PUBLIC_ADDRESS("62ecc1d5-e00f-43b1-b731-7e7d28cf4d04", "admin-login-from-public-address"),
    LOG_CLEARED("2af148b2-3dbf-4797-85d5-fa9593f08470", "log-cleared"),
    SYSLOG_SERVER_REMOVED("b35aebc0-5710-438b-9449-aeef317d7dd7", "syslog-server-removed"),
    LOG_EVENT_DISABLED("0fe8d812-12e7-45ae-abd5-5bb7dea2b17c", "log-event-disabled"),
    INTEGRITY_NEW_OR_MODIFIED_FILES("9279e756-8a75-44b5-ab63-e54f292fd9fb", "integrity-checker-new-or-modified-files"),
    INTEGRITY_CHECKER_BLINDED("04db04aa-bbe1-4193-8904-dd111f8776d1", "integrity-checker-blinded"),
    SUPER_ADMIN_TOKEN_SESSION("f2e4159d-7498-4b9e-9e94-6421108d0b38", "super-admin-token-session");

    private final String id;
    private final String file;

    BuiltinRule(String id, String file) {
        this.id = id;
        this.file = file;
    }

    public String id() {
        return id;
    }

    /** The rule's file name without {@code .yml}, as the documentation's table names it. */
    public String file() {
        return file;
    }

    /** The file name of the rule with this id, or the id itself for a rule no scenario plants. */
    public static String nameOf(String id) {
        for (BuiltinRule r : values()) {
            if (r.id.equals(id)) {
                return r.file;
            }
        }
        return id;
    }
}
