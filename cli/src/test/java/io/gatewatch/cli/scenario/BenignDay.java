package io.gatewatch.cli.scenario;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * One ordinary day on a Connect Secure cluster, as sessions rather than loose lines: employees
 * and contractors sign in (a few mistype their password first), run a VPN tunnel or browse the
 * intranet through the web access, and sign out or time out; administrators sign in from the
 * management network and do routine work; the appliance reports licences, user counts and clean
 * integrity scans; the Internet's background scanners knock on the sign-in page.
 *
 * <p>"Benign" means that no built-in rule should fire, and the generator is shaped so by
 * construction, not by filtering its output: failed sign-ins come one to three per session from
 * the user's own address (brute force needs more than 20 per account and address in an hour, and
 * even an office address shared by hundreds of users sees a handful of failing accounts in 15
 * minutes where spraying needs more than 20), administrators sign in from private addresses, and
 * the scanners request pages no exploitation rule names. It does not use the load generator's
 * {@code Corpus}: that one mixes exploit probes into its unauthenticated requests, reports
 * mismatched integrity scans and added accounts, and logs four appliances in four time zones whose
 * zone-less times a replay reads hours apart.
 *
 * <p>Addresses stay out of the documentation ranges (192.0.2.0/24, 198.51.100.0/24,
 * 203.0.113.0/24, 2001:db8::/32), which belong to the planted traces.
 */
public final class BenignDay {
    private static final int DAY_SECONDS = 86_400;
    /** Sign-ins per hour of the day, relative: a working day, quiet at night. */
    private static final int[] HOUR_WEIGHTS = {1, 1, 1, 1, 1, 2, 5, 12, 18, 15, 11, 9, 7, 10, 12, 10, 8, 6, 4, 3, 3, 2, 2, 1};

    private static final String[] FIRST = {"anna", "bruno", "clara", "daniel", "elena", "felix", "greta", "henri",
        "irene", "jonas", "katrin", "lukas", "maria", "nils", "olga", "peter", "rita", "simon", "tanja", "ugo",
        "vera", "walter", "yann", "zoe", "adrien", "beatriz", "cedric", "dora", "emil", "fatima", "goran", "hanna",
        "igor", "julia", "kevin", "lena", "mehdi", "nora", "oscar", "paula"};
    private static final String[] LAST = {"weber", "fischer", "meyer", "wagner", "becker", "schulz", "hoffmann",
        "koch", "richter", "klein", "wolf", "neumann", "schwarz", "braun", "zimmermann", "hartmann", "lange",
        "werner", "krause", "lehmann", "moreau", "laurent", "simon", "michel", "lefebvre", "leroy", "roux", "david",
        "bertrand", "morel", "fournier", "girard", "bonnet", "dupuis", "lambert", "fontaine", "rousseau", "vincent",
        "muller", "faure"};
    /** Egress addresses of the offices, each shared by many users. */
    private static final String[] OFFICE_IPS = {"84.17.48.10", "84.17.48.11", "91.198.4.20", "91.198.4.21", "62.210.77.5"};
    private static final String[] BROWSERS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    };
    private static final String[] AGENTS = {
        "Pulse-Secure/22.8.1.31437 (Windows 10) Pulse/22.8.1.31437",
        "Pulse-Secure/22.7.2.3191 (Windows 11) Pulse/22.7.2.3191",
        "Pulse-Secure/22.6.1.18743 (Macintosh; Intel Mac OS X 10_15_7) Pulse/22.6.1.18743",
    };
    private static final String[] HOSTNAMES = {"LAPTOP-", "DESKTOP-", "WKS-", "MBP-"};
    private static final String[] WRONG_PASSWORD_REASONS = {"Failed", "Wrong Password", "Invalid username or password"};
    private static final String[] HC_POLICIES = {"HC_Basic_Windows", "Antivirus", "Firewall-Check"};

    /** Intranet sites reached through the web access, and pages on each. */
    private record Site(String host, String[] paths) {}

    private static final Site[] SITES = {
        new Site("intranet.corp.example", new String[] {"/index.html", "/news/2025/06/cafeteria.html", "/sss/sessionPing?unique=0.10846163950738053"}),
        new Site("wiki.corp.example", new String[] {"/wiki/spaces/IT/overview", "/wiki/display/OPS/On-call", "/images/logo.png"}),
        new Site("jira.corp.example", new String[] {"/browse/OPS-1423", "/secure/Dashboard.jspa", "/rest/api/2/search?jql=assignee%3DcurrentUser()"}),
        new Site("outlook.office365.com", new String[] {"/owa/", "/owa/auth/logon.aspx?replaceCurrent=1"}),
        // The genuine Microsoft sign-in: the phishing-page rule must tell it from a look-alike.
        new Site("login.microsoftonline.com", new String[] {"/common/oauth2/v2.0/authorize?client_id=00000002-0000-0ff1-ce00-000000000000&response_type=code",
            "/common/GetCredentialType?mkt=en-US"}),
        new Site("10.20.1.15", new String[] {"/api/status", "/cloud/services/firewallRule"}),
    };

    /** What Internet-wide scanners request of any server: the sign-in page and generic probes, no exploit. */
    private static final String[] SCANNER_URLS = {"/", "/robots.txt", "/favicon.ico", "/.env", "/wp-login.php",
        "/remote/login", "/global-protect/login.esp", "/dana-na/auth/url_default/welcome.cgi",
        "/dana-cached/hc/HostCheckerInstaller.osx", "/dana-na/auth/url_admin/welcome.cgi"};
    private static final String[] SSL_REASONS = {"sslv3 alert bad certificate", "http request", "no shared cipher",
        "unsupported protocol", "wrong version number"};
    private static final String CLUSTER_VIP = "10.10.0.10";

    private static final DateTimeFormatter LAST_ACCESS = DateTimeFormatter.ofPattern("HH:mm:ss yyyy/MM/dd", Locale.ROOT);

    /** A user of the VPN, fixed for the day. */
    private record Person(String name, String realm, String roles, String authServer, String authType, boolean mfa,
            boolean agent, String ip, String mobileIp, String userAgent, String hostname) {}

    /** An administrator and the management-network address they work from. */
    private record Admin(String name, String ip) {}

    private static final Admin[] ADMINS = {new Admin("pcsadmin", "10.20.30.5"), new Admin("j.berger-adm", "10.20.30.6"),
        new Admin("netops", "10.20.30.7")};

    private final Random rnd;
    private final Instant dayStart;
    private final List<LogEvent> out = new ArrayList<>();
    private final List<Person> people = new ArrayList<>();

    private BenignDay(long seed, Instant dayStart) {
        this.rnd = new Random(seed);
        this.dayStart = dayStart;
    }

    /**
     * The events of the day that starts at {@code dayStart} (midnight UTC) with {@code users}
     * VPN users, in no particular order.
     */
    public static List<LogEvent> generate(long seed, Instant dayStart, int users) {
        BenignDay d = new BenignDay(seed, dayStart);
        d.population(users);
        for (Person p : d.people) {
            int sessions = d.pick(new int[] {0, 1, 1, 1, 2, 2, 2, 3, 3, 4});
            for (int i = 0; i < sessions; i++) {
                d.session(p);
            }
        }
        d.administrators();
        d.appliance();
        d.internetNoise();
        return d.out;
    }

    // ---- people --------------------------------------------------------------------------------

    private void population(int n) {
        Set<String> names = new HashSet<>();
        Set<String> ips = new HashSet<>();
        while (people.size() < n) {
            String f = pick(FIRST);
            String l = pick(LAST);
            String name = switch (rnd.nextInt(20)) {
                case 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 -> f + "." + l;
                case 10, 11, 12, 13, 14 -> f.charAt(0) + l;
                case 15, 16 -> "CORP\\" + f.charAt(0) + l;
                default -> f + "." + l + "@corp.example";
            };
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                name = name.contains("@") ? name.replace("@", (2 + rnd.nextInt(8)) + "@") : name + (2 + rnd.nextInt(8));
                if (!names.add(name.toLowerCase(Locale.ROOT))) {
                    continue;
                }
            }
            int r = rnd.nextInt(10);
            String realm = r < 7 ? "Users" : r < 9 ? "MFA-Users" : "Contractors";
            boolean contractor = realm.equals("Contractors");
            String roles = contractor ? "Contractors-Web"
                    : rnd.nextBoolean() ? "Users" : "Pulse Secure Client, VPN Static Pool 1";
            boolean agent = !contractor && rnd.nextInt(100) < 65;
            String ip;
            if (rnd.nextInt(100) < 35) {
                ip = pick(OFFICE_IPS);
            } else {
                do {
                    ip = homeIp();
                } while (!ips.add(ip));
            }
            String mobile = rnd.nextInt(10) == 0 ? mobileIp() : null;
            people.add(new Person(name, realm, roles, contractor ? "System Local" : "AD-Corp",
                    contractor ? "Local Authentication" : "Active Directory", realm.equals("MFA-Users"), agent, ip, mobile,
                    agent ? pick(AGENTS) : pick(BROWSERS), pick(HOSTNAMES) + hex(7).toUpperCase(Locale.ROOT)));
        }
    }

    /** A residential address (77.0.0.0–96.255.255.255: public, outside every planted range). */
    private String homeIp() {
        return (77 + rnd.nextInt(20)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
    }

    /** A mobile carrier's IPv6 address. */
    private String mobileIp() {
        return String.format(Locale.ROOT, "2a02:8440:%x:%x::%x", rnd.nextInt(0xffff), rnd.nextInt(0xffff), 1 + rnd.nextInt(0xfff));
    }

    // ---- a user's session ----------------------------------------------------------------------

    private void session(Person p) {
        long start = 60 + startSecond();
        String ip = p.mobileIp() != null && rnd.nextInt(3) == 0 ? p.mobileIp() : p.ip();
        Actor who = Actor.user(p.name(), p.realm(), "", ip, "");
        long t = start;
        if (!p.agent() && rnd.nextInt(10) < 4) {
            emit(t - 3, Actor.unauthenticated(ip), "AUT31556",
                    "Unauthenticated request url /dana-na/auth/url_default/welcome.cgi came from IP " + ip + ".");
        }
        // One session in twenty starts with one to three mistyped passwords; one such user in ten gives up.
        if (rnd.nextInt(20) == 0) {
            int attempts = 1 + rnd.nextInt(3);
            for (int i = 0; i < attempts; i++) {
                failedSignIn(t, who, p);
                t += 15 + rnd.nextInt(30);
            }
            if (rnd.nextInt(10) == 0) {
                return;
            }
        }
        emit(t, who, "AUT24326", "Primary authentication successful for " + p.name() + "/" + p.authServer() + " from " + ip);
        if (p.mfa()) {
            t += 5 + rnd.nextInt(20);
            emit(t, who, "AUT24326", "Secondary authentication successful for " + p.name() + "/RADIUS-MFA from " + ip);
        }
        Actor in = Actor.user(p.name(), p.realm(), p.roles(), ip, p.userAgent());
        long end;
        if (p.agent()) {
            end = t + 1_800 + (long) (rnd.nextDouble() * rnd.nextDouble() * 30_000);
            agentSession(p, in, t + 1, end);
        } else {
            end = t + 300 + (long) (rnd.nextDouble() * rnd.nextDouble() * 9_000);
            browserSession(p, in, t + 1, end);
        }
    }

    private void failedSignIn(long t, Actor who, Person p) {
        emit(t, who, "AUT24327", "Primary authentication failed for " + p.name() + "/" + p.authServer() + " from " + who.ip());
        emit(t, who, "AUT23457", "Login failed using auth server " + p.authServer() + " (" + p.authType() + ").  Reason: "
                + pick(WRONG_PASSWORD_REASONS));
    }

    private void agentSession(Person p, Actor in, long t, long end) {
        String sid = "sid" + hex(48);
        String tunnelIp = "172.22." + rnd.nextInt(64) + "." + (1 + rnd.nextInt(254));
        String policy = pick(HC_POLICIES);
        emit(t, in, "AUT24414", "Agent login succeeded for " + p.name() + "/" + p.realm() + " (session:" + sid + ") from "
                + in.ip() + " with " + p.userAgent() + ".");
        // Host Checker re-evaluates the endpoint periodically while the session lasts.
        for (long hc = t + 1; hc < end; hc += 900 + rnd.nextInt(900)) {
            emit(hc, in, "AUT24803", "Host Checker policy '" + policy + "' passed on host '" + in.ip() + "' address '"
                    + mac() + "' for user '" + p.name() + "'.");
        }
        emit(t + 2, in, "NWC23464", "VPN Tunneling: Session started for user (session: " + sid + ") with IPv4 address "
                + tunnelIp + ", hostname " + p.hostname());
        emit(t + 3, in, "NWC30477", "VPN Tunneling: User with IP " + tunnelIp + " connected with "
                + (rnd.nextInt(4) == 0 ? "SSL" : "ESP") + " transport mode.");
        emit(end, in, "NWC23465", "VPN Tunneling: Session ended for user (session: " + sid + ") with IPv4 address " + tunnelIp);
        signOut(p, in, end, sid);
    }

    private void browserSession(Person p, Actor in, long t, long end) {
        String sid = hex(8);
        emit(t, in, "AUT31504", "Login succeeded for " + p.name() + "/" + p.realm() + " (session:" + sid + ") from "
                + in.ip() + " with " + p.userAgent() + ".");
        for (long w = t + 2 + rnd.nextInt(20); w < end; w += 5 + (long) (rnd.nextDouble() * 150)) {
            Site s = SITES[rnd.nextInt(SITES.length)];
            String path = pick(s.paths());
            String method = rnd.nextInt(6) == 0 ? "POST" : "GET";
            if (rnd.nextInt(10) < 7) {
                int status = rnd.nextInt(25) == 0 ? 404 : 200;
                emit(w, in, "WEB20174", "WebRequest completed, " + method + " to https://" + s.host() + ":443/" + path
                        + " from " + in.ip() + " result=" + status + " sent=" + (40 + rnd.nextInt(2000)) + " received="
                        + rnd.nextInt(60_000) + " in " + rnd.nextInt(4) + " seconds");
            } else {
                emit(w, in, "WEB20169", "WebRequest ok : Host: " + s.host() + ", Request: " + method + " " + path + " HTTP/1.1");
            }
        }
        boolean timedOut = signOut(p, in, end, sid);
        if (timedOut && rnd.nextInt(4) == 0) {
            // The browser tab reloads the sign-in page after the forced sign-out.
            emit(end + 30 + rnd.nextInt(600), Actor.unauthenticated(in.ip()), "AUT31556",
                    "Unauthenticated request url /dana-na/auth/url_default/welcome.cgi?p=forced-off came from IP " + in.ip() + ".");
        }
    }

    /** Sign-out, idle time-out or maximum session time, then the session's deletion; says whether it timed out. */
    private boolean signOut(Person p, Actor in, long end, String sid) {
        int how = rnd.nextInt(10);
        if (how < 6) {
            emit(end, in, "AUT22673", "Logout from " + in.ip() + " (session:" + sid + ")");
        } else if (how < 9) {
            emit(end, in, "AUT22886", "Session timed out for " + p.name() + "/" + p.realm() + " (session:" + sid
                    + ") due to inactivity (last access at " + lastAccess(end - 1_800 - rnd.nextInt(1_800))
                    + "). Idle session identified during routine system scan.");
        } else {
            emit(end, in, "AUT20914", "Max session timeout for " + p.name() + "/" + p.realm() + " (session:" + sid + ").");
        }
        emit(end + rnd.nextInt(3), in, "AUT31829", "Session:[" + hex(10) + "] for user:[" + p.name() + "] with roles:["
                + p.roles() + "] deleted. Bandwidth consumed [" + rnd.nextInt(80_000_000) + "] bytes");
        return how >= 6;
    }

    // ---- administrators ------------------------------------------------------------------------

    private void administrators() {
        for (Admin a : ADMINS) {
            int sessions = 1 + rnd.nextInt(2);
            for (int i = 0; i < sessions; i++) {
                long t = 8 * 3_600 + rnd.nextInt(10 * 3_600);
                Actor who = Actor.admin(a.name(), a.ip());
                if (rnd.nextInt(5) == 0) {
                    emit(t, who, "ADM22798", "Login failed from " + a.ip() + " for " + a.name() + "/" + Actor.ADMIN_REALM + ".");
                    t += 20;
                }
                emit(t, who, "ADM22668", "Login succeeded for " + a.name() + "/" + Actor.ADMIN_REALM + " from " + a.ip() + ".");
                int actions = 2 + rnd.nextInt(5);
                for (int k = 0; k < actions; k++) {
                    t += 60 + rnd.nextInt(300);
                    Message m = adminAction();
                    emit(t, who, m.code(), m.text());
                }
                t += 120 + rnd.nextInt(600);
                if (rnd.nextBoolean()) {
                    emit(t, who, "ADM22671", "Logout from " + a.ip());
                } else {
                    emit(t + 1_200, who, "ADM20664", "Session timed out for " + a.name() + "/" + Actor.ADMIN_REALM
                            + " due to inactivity (last access at " + lastAccess(t) + "). Idle session identified during routine system scan.");
                }
            }
        }
    }

    /** A code and its text. */
    private record Message(String code, String text) {}

    /** Routine administration that no rule flags (troubleshooting a user, turning a log category on). */
    private Message adminAction() {
        Person p = people.get(rnd.nextInt(people.size()));
        Site s = SITES[rnd.nextInt(SITES.length)];
        return switch (rnd.nextInt(4)) {
            case 0 -> new Message("ADM20462", "Ping host " + s.host());
            case 1 -> new Message("ADM20464", "DNS lookup " + s.host() + " (10.20.1." + (10 + rnd.nextInt(40)) + ")");
            case 2 -> new Message("ADM23534", "Forcing off user " + p.name() + "(" + p.realm() + ")");
            default -> new Message("ADM20603", "Changed log event "
                    + pick(new String[] {"Statistics", "PerformanceData", "LicenseServer"}) + " to On");
        };
    }

    // ---- the appliance and the Internet --------------------------------------------------------

    private void appliance() {
        Actor sys = Actor.system();
        for (long t = 5; t < DAY_SECONDS; t += 600) {
            int units = 10 + rnd.nextInt(40);
            emit(t, sys, "LIC30499", "Leased " + units + " units of 'ICS Concurrent Users' from 10.40.0.2 - reserved: "
                    + units + " maximum: 250 incremental quantum: 5");
            emit(t + 120, sys, "STS20641", "Number of concurrent users logged in to the device: " + (20 + rnd.nextInt(600)));
        }
        // Periodic integrity scans: clean, with the few newly detected files appliances commonly report.
        for (long t = 3_000; t < DAY_SECONDS; t += 7_200) {
            emit(t, sys, "SYS32087", "Integrity Checker Tool: Periodic Scan Started!");
            emit(t + 240 + rnd.nextInt(120), sys, "SYS32100", "Integrity Scan Completed: Integrity Scan Results : Matched Files "
                    + (18_770 + rnd.nextInt(6)) + ", Newly Detected Files " + rnd.nextInt(4) + ", Mismatched Files 0");
        }
        emit(2, sys, "SYS31437", "Successful syslog connection to peer: '10.30.0.5'");
    }

    private void internetNoise() {
        String[] scanners = new String[80];
        for (int k = 0; k < scanners.length; k++) {
            scanners[k] = k % 10 == 9 ? "2a01:4f8:" + Integer.toHexString(0x1000 + k) + "::" + Integer.toHexString(1 + k)
                    : (45 + k % 7) + "." + (100 + k) + "." + (k * 7 % 250 + 1) + "." + (k * 13 % 250 + 2);
        }
        for (int i = 0; i < 24 * 45; i++) {
            String ip = pick(scanners);
            emit(rnd.nextInt(DAY_SECONDS), Actor.unauthenticated(ip), "AUT24604", "SSL negotiation failed while client at source IP '"
                    + ip + "' was trying to connect to '" + CLUSTER_VIP + "'. Reason: '" + pick(SSL_REASONS) + "'");
        }
        for (int i = 0; i < 24 * 50; i++) {
            String ip = pick(scanners);
            String url = pick(SCANNER_URLS);
            long t = rnd.nextInt(DAY_SECONDS);
            if (rnd.nextInt(5) == 0) {
                emit(t, Actor.unauthenticated(ip), "AUT20920", "Connection from IP " + ip + " not authenticated yet (URL=" + url + ")");
            } else {
                emit(t, Actor.unauthenticated(ip), "AUT31556", "Unauthenticated request url " + url + " came from IP " + ip + ".");
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** A second of the day, by the hourly weights. */
    private long startSecond() {
        int total = 0;
        for (int w : HOUR_WEIGHTS) {
            total += w;
        }
        int x = rnd.nextInt(total);
        int h = 0;
        while (x >= HOUR_WEIGHTS[h]) {
            x -= HOUR_WEIGHTS[h];
            h++;
        }
        return h * 3_600L + rnd.nextInt(3_600);
    }

    /** Adds an event at {@code second} of the day; the day's log ends at midnight. */
    private void emit(long second, Actor who, String code, String text) {
        if (second >= 0 && second < DAY_SECONDS) {
            out.add(new LogEvent(dayStart.plusSeconds(second), who, code, text));
        }
    }

    private String lastAccess(long second) {
        return LAST_ACCESS.format(LocalDateTime.ofInstant(dayStart.plusSeconds(Math.max(0, second)), ZoneOffset.UTC));
    }

    private String mac() {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append('-');
            }
            sb.append(String.format(Locale.ROOT, "%02x", rnd.nextInt(256)));
        }
        return sb.toString();
    }

    private String hex(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(Character.forDigit(rnd.nextInt(16), 16));
        }
        return sb.toString();
    }

    private String pick(String[] a) {
        return a[rnd.nextInt(a.length)];
    }

    private int pick(int[] a) {
        return a[rnd.nextInt(a.length)];
    }
}
