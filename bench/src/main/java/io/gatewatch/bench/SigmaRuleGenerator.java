package io.gatewatch.bench;

import io.gatewatch.detect.sigma.RuleFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Sigma rules in the shape of SigmaHQ's, written over the fields of Connect Secure events, for
 * the detection benchmark: one YAML file per rule, as a rule repository holds them, loaded through
 * the real loader so that they are really parsed and compiled.
 *
 * <p>The shapes and their share mirror what SigmaHQ's web, proxy and authentication rules do: an
 * event selector ({@code event.code} or {@code event.action} lists) ANDed with an indicator
 * (contains / starts-with / ends-with lists on {@code url.original}, {@code user_agent.original} or
 * {@code message}, equality on {@code user.name}, {@code cidr} on {@code source.ip}, an occasional
 * {@code re}), {@code 1 of selection_*}, {@code all of selection_*}, {@code not filter}, keyword
 * searches. Indicator values are partly well-known attack strings (some of which the benchmark
 * corpus contains: probes for old CVEs, scanners' paths) and partly made-up ones standing for the
 * long tail of indicators of real rule sets; so, as in reality, most rules never match most events.
 *
 * <p>Deterministic: rule {@code i} depends only on the seed and the rules before it, so the first
 * 10 rules of a set of 1,000 are the set of 10.
 */
public final class SigmaRuleGenerator {
    /** The seed of the benchmark's rule sets. */
    public static final long SEED = 20_260_406L;

    private final Random random;
    private int index;

    private SigmaRuleGenerator(long seed) {
        random = new Random(seed);
    }

    /** {@code count} rule files, named {@code generated/0001-web-url.yml} and so on. */
    public static List<RuleFile> generate(int count, long seed) {
        SigmaRuleGenerator g = new SigmaRuleGenerator(seed);
        List<RuleFile> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            files.add(g.next());
        }
        return files;
    }

    /** Prints {@code N} generated rules as one YAML stream: {@code SigmaRuleGenerator [N]}. */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        for (RuleFile f : generate(n, SEED)) {
            System.out.println("# " + f.name());
            System.out.println(f.text().strip());
            System.out.println("---");
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** A shape of rule and its weight out of 100. */
    private enum Shape {
        CODE(12), WEB_URL(22), URL(10), USER_AGENT(10), MESSAGE(8), USER(10), NETWORK(10), REGEX(8), ONE_OF(10);

        final int weight;

        Shape(int weight) {
            this.weight = weight;
        }
    }

    /** One {@code field|modifiers: values} item of a selection. */
    private record Item(String key, List<String> values) {}

    /** A search identifier and the items it ANDs. */
    private record Selection(String name, List<Item> items) {
        static Selection of(String name, Item... items) {
            return new Selection(name, List.of(items));
        }
    }

    /** A rule's detection: its search identifiers and condition, and for keyword rules their list. */
    private record Detection(List<Selection> selections, List<String> keywords, String condition, String topic) {}

    private RuleFile next() {
        index++;
        Shape shape = shape();
        Detection d = switch (shape) {
            case CODE -> code();
            case WEB_URL -> webUrl();
            case URL -> url();
            case USER_AGENT -> userAgent();
            case MESSAGE -> message();
            case USER -> user();
            case NETWORK -> network();
            case REGEX -> regex();
            case ONE_OF -> oneOf();
        };
        String name = String.format(Locale.ROOT, "generated/%04d-%s.yml", index,
                shape.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return RuleFile.of(name, yaml(d));
    }

    private Shape shape() {
        int r = random.nextInt(100);
        for (Shape s : Shape.values()) {
            r -= s.weight;
            if (r < 0) {
                return s;
            }
        }
        throw new AssertionError();
    }

    // ---- shapes ------------------------------------------------------------------------------------

    /** A rare administrative or system event by code, as "log cleared" rules are; often minus a service account. */
    private Detection code() {
        Selection sel = Selection.of("selection", item("event.code", pick(random.nextBoolean() ? ADMIN : SYSTEM, 1, 3)));
        if (random.nextInt(2) == 0) {
            return new Detection(List.of(sel), null, "selection", "administrative event");
        }
        Selection filter = Selection.of("filter_service", item("user.name", pick(SERVICE_ACCOUNTS, 1, 3)));
        return new Detection(List.of(sel, filter), null, "selection and not filter_service", "administrative event");
    }

    /** A web-request event with an exploitation indicator in the URL: the commonest SigmaHQ web rule. */
    private Detection webUrl() {
        List<Selection> s = new ArrayList<>();
        s.add(eventSelector("selection_event", WEB));
        s.add(Selection.of("selection_url", item("url.original|" + stringModifier(), urlIndicators(2, 8))));
        String condition = "all of selection_*";
        int filter = random.nextInt(4);
        if (filter == 0) {
            s.add(Selection.of("filter_client", item("user_agent.original|startswith", pick(CLIENT_AGENTS, 1, 2))));
            condition += " and not filter_client";
        } else if (filter == 1) {
            s.add(Selection.of("filter_internal", item("source.ip|cidr", pick(PRIVATE_NETWORKS, 2, 4))));
            condition += " and not filter_internal";
        }
        return new Detection(s, null, condition, "web exploitation attempt");
    }

    /** URL indicators alone (any event that has a URL), sometimes minus static files. */
    private Detection url() {
        Selection sel = Selection.of("selection", item("url.original|" + stringModifier(), urlIndicators(1, 6)));
        if (random.nextInt(3) > 0) {
            return new Detection(List.of(sel), null, "selection", "suspicious request");
        }
        Selection filter = Selection.of("filter_static", item("url.original|endswith", pick(STATIC_SUFFIXES, 2, 4)));
        return new Detection(List.of(sel, filter), null, "selection and not filter_static", "suspicious request");
    }

    /** Hacking tools and odd clients by their user agent. */
    private Detection userAgent() {
        String modifier = random.nextInt(3) == 0 ? "startswith" : "contains";
        Selection sel = Selection.of("selection", item("user_agent.original|" + modifier, agentIndicators(1, 6)));
        if (random.nextInt(3) > 0) {
            return new Detection(List.of(sel), null, "selection", "suspicious client");
        }
        Selection filter = Selection.of("filter_client", item("user_agent.original|contains", pick(CLIENT_AGENTS, 1, 2)));
        return new Detection(List.of(sel, filter), null, "selection and not filter_client", "suspicious client");
    }

    /** Text of the message: keyword searches, {@code contains|all}, or a phrase under an event selector. */
    private Detection message() {
        return switch (random.nextInt(3)) {
            case 0 -> new Detection(List.of(), messageIndicators(1, 4), "keywords", "suspicious message");
            case 1 -> new Detection(List.of(Selection.of("selection",
                    item("message|contains|all", messageIndicators(2, 3)))), null, "selection", "suspicious message");
            default -> new Detection(List.of(eventSelector("selection_event", AUTH),
                    Selection.of("selection_text", item("message|contains", messageIndicators(1, 3)))), null,
                    "all of selection_*", "suspicious message");
        };
    }

    /** Sign-ins of watched accounts: default, test or leaked accounts, by name or by prefix or suffix. */
    private Detection user() {
        Item who = switch (random.nextInt(4)) {
            case 0 -> item("user.name|startswith", pick(USER_PREFIXES, 1, 3));
            case 1 -> item("user.name|endswith", pick(USER_SUFFIXES, 1, 2));
            default -> item("user.name", userIndicators(1, 6));
        };
        return new Detection(List.of(eventSelector("selection_event", AUTH), new Selection("selection_user", List.of(who))),
                null, "all of selection_*", "watched account");
    }

    /** Events from listed networks (hosting providers, anonymizers), or sign-ins from outside the private ranges. */
    private Detection network() {
        if (random.nextInt(4) == 0) {
            return new Detection(List.of(eventSelector("selection", ADMIN_LOGIN),
                    Selection.of("filter_internal", item("source.ip|cidr", pick(PRIVATE_NETWORKS, 3, 6)))), null,
                    "selection and not filter_internal", "access from outside");
        }
        return new Detection(List.of(eventSelector("selection_event", random.nextBoolean() ? AUTH : WEB),
                Selection.of("selection_network", item("source.ip|cidr", networks(1, 6)))), null,
                "all of selection_*", "access from listed network");
    }

    /** A regular expression, mostly behind an event selector; one in five stands alone. */
    private Detection regex() {
        String[] r = REGEXES[random.nextInt(REGEXES.length)];
        String key = r[0] + "|re" + (r.length > 2 ? "|" + r[2] : "");
        String value = random.nextInt(3) == 0 ? r[1] : synthesizeRegex(r[0], r[1]);
        Selection re = Selection.of("selection_re", item(key, List.of(value)));
        if (random.nextInt(5) == 0) {
            return new Detection(List.of(re), null, "selection_re", "pattern");
        }
        Selection event = eventSelector("selection_event", r[0].equals("user.name") ? AUTH : WEB);
        return new Detection(List.of(event, re), null, "all of selection_*", "pattern");
    }

    /** Several independent indicators on different fields: {@code 1 of selection_*}, maybe minus a filter. */
    private Detection oneOf() {
        List<Selection> s = new ArrayList<>();
        int n = 2 + random.nextInt(3);
        List<Integer> kinds = new ArrayList<>(List.of(0, 1, 2, 3));
        Collections.shuffle(kinds, random);
        for (int k = 0; k < n; k++) {
            s.add(switch (kinds.get(k)) {
                case 0 -> Selection.of("selection_url", item("url.original|contains", urlIndicators(1, 5)));
                case 1 -> Selection.of("selection_agent", item("user_agent.original|contains", agentIndicators(1, 4)));
                case 2 -> Selection.of("selection_message", item("message|contains", messageIndicators(1, 3)));
                default -> Selection.of("selection_user", item("user.name", userIndicators(1, 4)));
            });
        }
        String condition = "1 of selection_*";
        if (random.nextBoolean()) {
            s.add(Selection.of("filter", item("source.ip|cidr", pick(PRIVATE_NETWORKS, 1, 3))));
            condition += " and not filter";
        }
        return new Detection(s, null, condition, "indicator of compromise");
    }

    // ---- selections and values -------------------------------------------------------------------

    /** {@code event.code} or {@code event.action} (SigmaHQ's EventID / category selector) from a family. */
    private Selection eventSelector(String name, String[] family) {
        List<String> codes = pick(family, 1, 4);
        if (random.nextBoolean()) {
            return Selection.of(name, item("event.code", codes));
        }
        Set<String> actions = new LinkedHashSet<>();
        for (String c : codes) {
            actions.add(action(c));
        }
        return Selection.of(name, item("event.action", new ArrayList<>(actions)));
    }

    private String stringModifier() {
        int r = random.nextInt(10);
        return r < 7 ? "contains" : r < 9 ? "startswith" : "endswith";
    }

    /** Known indicators one time in three, made-up ones (the long tail) otherwise. */
    private List<String> urlIndicators(int min, int max) {
        return values(min, max, URL_INDICATORS, this::synthesizeUrl);
    }

    private List<String> agentIndicators(int min, int max) {
        return values(min, max, AGENT_INDICATORS, this::synthesizeAgent);
    }

    private List<String> messageIndicators(int min, int max) {
        return values(min, max, MESSAGE_INDICATORS, this::synthesizePhrase);
    }

    private List<String> userIndicators(int min, int max) {
        return values(min, max, USER_INDICATORS, this::synthesizeUser);
    }

    private List<String> values(int min, int max, String[] known, Supplier<String> madeUp) {
        int n = min + random.nextInt(max - min + 1);
        Set<String> out = new LinkedHashSet<>();
        while (out.size() < n) {
            out.add(random.nextInt(3) == 0 ? known[random.nextInt(known.length)] : madeUp.get());
        }
        return new ArrayList<>(out);
    }

    private List<String> pick(String[] pool, int min, int max) {
        int n = Math.min(pool.length, min + random.nextInt(max - min + 1));
        Set<String> out = new LinkedHashSet<>();
        while (out.size() < n) {
            out.add(pool[random.nextInt(pool.length)]);
        }
        return new ArrayList<>(out);
    }

    private List<String> networks(int min, int max) {
        int n = min + random.nextInt(max - min + 1);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(8) == 0) {
                out.add(String.format(Locale.ROOT, "2a%02x:%x::/32", random.nextInt(16), random.nextInt(0x10000)));
            } else {
                int prefix = 16 + random.nextInt(13);
                int a = PUBLIC_FIRST_OCTETS[random.nextInt(PUBLIC_FIRST_OCTETS.length)];
                int address = a << 24 | random.nextInt(1 << 24);
                address &= -1 << (32 - prefix);
                out.add(String.format(Locale.ROOT, "%d.%d.%d.%d/%d", address >>> 24, address >>> 16 & 255,
                        address >>> 8 & 255, address & 255, prefix));
            }
        }
        return out;
    }

    private String word(int min, int max) {
        int n = min + random.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    private String synthesizeUrl() {
        return switch (random.nextInt(5)) {
            case 0 -> "/" + word(4, 9) + "/" + word(3, 8) + URL_SUFFIXES[random.nextInt(URL_SUFFIXES.length)];
            case 1 -> "/" + word(3, 6) + "-" + word(3, 8) + "/";
            case 2 -> word(5, 10) + URL_SUFFIXES[random.nextInt(URL_SUFFIXES.length)];
            case 3 -> "\\?" + word(3, 7) + "=";
            default -> "/cgi-bin/" + word(3, 9) + ".cgi";
        };
    }

    private String synthesizeAgent() {
        String w = word(4, 9);
        return Character.toUpperCase(w.charAt(0)) + w.substring(1) + "/" + (1 + random.nextInt(9)) + "." + random.nextInt(20);
    }

    private String synthesizePhrase() {
        return word(4, 9) + " " + word(3, 9);
    }

    private String synthesizeUser() {
        return switch (random.nextInt(3)) {
            case 0 -> word(3, 8) + "." + word(4, 9);
            case 1 -> "svc_" + word(4, 10);
            default -> word(1, 1) + word(4, 9) + random.nextInt(100);
        };
    }

    /** A variant of a known regular expression around a made-up word, as rule sets have many of one kind. */
    private String synthesizeRegex(String field, String known) {
        String w = word(4, 8);
        return switch (field) {
            case "url.original" -> "/" + w + "/[a-z0-9_-]{4,32}\\.(php|jsp|aspx?)";
            case "user_agent.original" -> "^" + Character.toUpperCase(w.charAt(0)) + w.substring(1) + "/[0-9]+\\.[0-9]+";
            case "user.name" -> "^" + w + "[0-9]{2,6}$";
            default -> known;
        };
    }

    private static Item item(String key, List<String> values) {
        return new Item(key, values);
    }

    // ---- YAML ------------------------------------------------------------------------------------

    private String yaml(Detection d) {
        StringBuilder y = new StringBuilder(512);
        String level = LEVELS[random.nextInt(LEVELS.length)];
        String[] tactic = TACTICS[random.nextInt(TACTICS.length)];
        UUID id = new UUID(random.nextLong() & ~0xF000L | 0x4000L, random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L);
        String title = String.format(Locale.ROOT, "Generated %s %04d", d.topic(), index);
        y.append("title: ").append(quote(title)).append('\n');
        y.append("id: ").append(id).append('\n');
        y.append("status: experimental\n");
        y.append("description: ").append(quote("Benchmark rule " + index + ": " + d.topic() + ".")).append('\n');
        y.append("references:\n  - https://github.com/SigmaHQ/sigma\n");
        y.append("author: gatewatch benchmark\n");
        y.append("date: 2026-04-06\n");
        y.append("tags:\n  - attack.").append(tactic[0]).append("\n  - attack.").append(tactic[1]).append('\n');
        y.append("logsource:\n  product: ivanti\n  service: connect_secure\n");
        y.append("detection:\n");
        if (d.keywords() != null) {
            y.append("  keywords:\n");
            for (String k : d.keywords()) {
                y.append("    - ").append(quote(k)).append('\n');
            }
        }
        for (Selection s : d.selections()) {
            y.append("  ").append(s.name()).append(":\n");
            for (Item i : s.items()) {
                y.append("    ").append(i.key()).append(':');
                if (i.values().size() == 1) {
                    y.append(' ').append(quote(i.values().getFirst())).append('\n');
                } else {
                    y.append('\n');
                    for (String v : i.values()) {
                        y.append("      - ").append(quote(v)).append('\n');
                    }
                }
            }
        }
        y.append("  condition: ").append(d.condition()).append('\n');
        y.append("falsepositives:\n  - Unknown\n");
        y.append("level: ").append(level).append('\n');
        return y.toString();
    }

    /** A single-quoted YAML scalar: no escapes but the doubled quote, so Sigma's backslashes pass as written. */
    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String action(String code) {
        return ACTIONS[indexOf(code)];
    }

    private static int indexOf(String code) {
        for (int i = 0; i < CODES.length; i++) {
            if (CODES[i].equals(code)) {
                return i;
            }
        }
        throw new IllegalArgumentException(code);
    }

    // ---- pools -----------------------------------------------------------------------------------

    /** Message codes of the PCS/ICS catalog and the {@code event.action} the parser gives each. */
    private static final String[] CODES_AND_ACTIONS = {
        "AUT31556 unauthenticated-request", "AUT20920 connection-not-authenticated", "WEB20169 web-request",
        "WEB20171 web-request-denied", "WEB20174 web-request-completed", "WEB30441 web-request-failed",
        "WEB31809 url-blocked", "FBR32068 bookmark-access-started",
        "AUT23457 login-failed", "AUT24327 authentication-failed", "AUT30685 admin-authentication-failed",
        "AUT23458 admin-login-failed", "ADM22798 admin-login-failed", "AUT21051 login-rejected",
        "AUT23360 admin-login-rejected", "AUT24082 admin-login-rejected", "AUT24083 login-rejected",
        "AUT23355 account-disabled", "AUT23356 account-locked-out", "AUT23357 account-expired",
        "USR31401 account-locked-out", "AUT23277 realm-restrictions-failed", "AUT31985 sign-in-rejected",
        "AUT31742 totp-rest-failed", "AUT31504 logged-in", "AUT24414 agent-logged-in", "AUT24412 soap-logged-in",
        "ADM22668 admin-logged-in", "AUT24326 authentication-succeeded", "AUT30684 admin-authentication-succeeded",
        "AUT32033 session-created", "AUT20919 remote-address-changed", "AUT23574 previous-session-logged-out",
        "ADM20716 user-added", "ADM22862 user-removed", "ADM23452 super-admin-session-created",
        "ADM24511 recovery-token-created", "ADM23534 user-forced-off", "ADM20447 configuration-exported",
        "ADM20448 snapshot-exported", "ADM20449 snapshot-imported", "ADM24205 configuration-exported",
        "ADM20462 ping", "ADM20463 traceroute", "ADM20464 dns-lookup", "ADM20466 tcpdump-started",
        "ADM20468 tcpdump-downloaded", "ADM20599 log-cleared", "ADM20600 syslog-server-added",
        "ADM20601 syslog-server-removed", "ADM20603 log-event-enabled", "ADM20604 log-event-disabled",
        "ADM20639 reboot-requested", "ADM20640 shutdown-requested", "ADM20655 timezone-changed",
        "ADM24478 snmp-trap-server-added", "ADM30408 software-upgrade-started", "ADM31101 port-probe",
        "USR22898 password-changed", "USR24630 password-change-failed", "SYS31231 command-executed",
        "SYS10298 server-reboot", "SYS10299 server-shutdown", "SYS20412 system-starting", "SYS20413 system-started",
        "SYS23041 log-nearly-full", "SYS24348 log-full", "SYS32039 integrity-new-files",
        "SYS32040 integrity-modified-files", "SYS32041 integrity-manifest-missing", "SYS32042 integrity-manifest-bad",
        "SYS32087 integrity-scan-started", "SYS32088 integrity-scan-finished", "SYS32100 integrity-scan-completed",
        "ERR10074 malformed-log-message", "ERR23289 unknown-event-logged", "ERR31093 program-failure",
        "LIC10291 license-activated", "ARC24529 archive-skipped", "ARC31800 archive-upload-failed",
        "SYS20704 snmp-trap-sent", "SYS31437 syslog-connected",
    };
    private static final String[] CODES = new String[CODES_AND_ACTIONS.length];
    private static final String[] ACTIONS = new String[CODES_AND_ACTIONS.length];

    static {
        for (int i = 0; i < CODES_AND_ACTIONS.length; i++) {
            String[] parts = CODES_AND_ACTIONS[i].split(" ");
            CODES[i] = parts[0];
            ACTIONS[i] = parts[1];
        }
    }

    private static String[] codes(String from, String to) {
        return Arrays.copyOfRange(CODES, indexOf(from), indexOf(to) + 1);
    }

    private static final String[] WEB = codes("AUT31556", "FBR32068");
    private static final String[] AUTH = codes("AUT23457", "AUT23574");
    private static final String[] ADMIN = codes("ADM20716", "SYS31231");
    private static final String[] SYSTEM = codes("SYS10298", "SYS31437");
    private static final String[] ADMIN_LOGIN = {"ADM22668", "AUT30684", "AUT24412", "AUT23360", "AUT24082"};

    private static final String[] SERVICE_ACCOUNTS = {"System", "svc_backup", "svc_monitoring", "pcsadmin", "admin_ro"};

    /** Web attack strings of SigmaHQ's web and proxy rules, in Sigma syntax ({@code \?} is a literal question mark). */
    private static final String[] URL_INDICATORS = {
        "/../", "..%2f", "%2e%2e/", "%2e%2e%2f", "/etc/passwd", "/etc/shadow", "/proc/self/environ", "/.git/",
        "/.env", "/wp-admin/", "/wp-login.php", "/xmlrpc.php", "/cgi-bin/", "/bin/sh", "cmd.exe", "powershell",
        "/actuator/", "/jolokia/", "/solr/admin", "/console/login", "/manager/html", "/phpmyadmin", "/owa/auth/",
        "/autodiscover/", "/ecp/", "/mifs/", "/vpns/", "/remote/fgt_lang", "/api/v2/cmdb/",
        "/_ignition/execute-solution", "/boaform/", "/HNAP1", "jndi:ldap", "${jndi:", "%24%7bjndi",
        "class.module.classLoader", "/invoker/JMXInvokerServlet", "/struts2-showcase", "redirect:${", "eval(",
        "base64_decode", "union%20select", "sleep(", "waitfor%20delay", "<script", "onerror=", "/dana-na/../",
        "/dana/html5acc/guacamole/", "/api/v1/totp/user-backup-code/", "/api/v1/license/keys-status/",
        "/dana-ws/saml", "/dana-na/auth/url_admin/", "/dana-cached/setup/", "/dana-na/nc/nc_gina_ver.txt",
        "/cgi/pal\\?", "/robots.txt", "/favicon.ico", "/webui/", "/global-protect/", "/sslvpn_logon.shtml",
        "/+CSCOE+/", "/tmui/login.jsp", "/mgmt/tm/util/bash", "/hsqldb", "/setup.cgi", "/shell\\?", "/ping.cgi",
        "/language/Swedish", "/vendor/phpunit/", "/index.php\\?s=/",
    };

    private static final String[] URL_SUFFIXES = {".php", ".jsp", ".aspx", ".cgi", ".do", ".action", "/upload", "/exec"};

    private static final String[] STATIC_SUFFIXES = {".js", ".css", ".png", ".gif", ".jpg", ".ico", ".woff2"};

    /** Hacking tools and scripted clients of SigmaHQ's user-agent rules. */
    private static final String[] AGENT_INDICATORS = {
        "sqlmap", "nikto", "Nuclei", "zgrab", "masscan", "Nmap Scripting Engine", "python-requests/", "Go-http-client/",
        "curl/", "Wget/", "libwww-perl", "WinHttp", "Havij", "BlackWidow", "DirBuster", "gobuster", "WPScan",
        "Hydra", "Metasploit", "Mozilla/4.0 (compatible; MSIE 6.0", "Mozilla/5.0 (Windows NT 6.1", "HTTrack",
        "Acunetix", "Netsparker", "w3af", "OpenVAS", "Nessus", "fimap", "arachni", "ZmEu", "Morfeus",
        "Ruby", "Java/1.", "okhttp/", "Apache-HttpClient/", "PycURL", "Pulse-Secure/9.0", "Firefox/87.0",
    };

    /** Clients an organisation trusts, for filters. */
    private static final String[] CLIENT_AGENTS = {"Pulse-Secure/", "Mozilla/5.0 (Windows NT 10.0", "Mozilla/5.0 (Macintosh"};

    /**
     * Phrases of Connect Secure messages that hunting rules search, a few of them found in the
     * corpus (on 1 to 2% of its events); the phrases of its commonest messages are left out, as no
     * real rule would stand on them alone.
     */
    private static final String[] MESSAGE_INDICATORS = {
        "Invalid username", "wrong password", "Account locked", "certificate expired", "failed on host",
        "Max session timeout", "integrity scan", "mismatched files", "ESP tunnel", "Key Exchange number",
        "license server", "SNMP trap", "unable to connect", "Session switch", "forced off", "Remote address",
        "rejected on the external interface", "reverse shell", "/tmp/", "Host Checker policy 'Legacy",
    };

    /** Default, test and leaked account names. */
    private static final String[] USER_INDICATORS = {
        "admin", "administrator", "root", "test", "guest", "support", "backup", "operator", "oracle", "postgres",
        "ftpuser", "ubnt", "pi", "user", "demo", "vpn", "scanner", "martinstevens", "sqlsvc", "pcsadmin",
        "CORP\\administrator", "helpdesk",
    };

    private static final String[] USER_PREFIXES = {"svc_", "svc-", "adm_", "test", "tmp", "temp.", "admin"};

    private static final String[] USER_SUFFIXES = {"$", "_adm", "@external.example", ".test", "-admin"};

    private static final String[] PRIVATE_NETWORKS = {
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16", "100.64.0.0/10",
        "::1/128", "fc00::/7", "fe80::/10",
    };

    private static final int[] PUBLIC_FIRST_OCTETS = {
        5, 23, 31, 37, 45, 46, 47, 49, 50, 51, 62, 77, 78, 80, 81, 85, 89, 91, 92, 93, 94, 95, 103, 104, 107, 109,
        141, 146, 151, 154, 162, 167, 176, 178, 179, 185, 188, 193, 194, 195, 198, 209, 212, 213, 217,
    };

    /** Field, RE2 expression (also valid for java.util.regex), optional sub-modifier. */
    private static final String[][] REGEXES = {
        {"url.original", "/(wp-admin|wp-content|wp-includes)/.*\\.php", "i"},
        {"url.original", "(\\.\\./){3,}"},
        {"url.original", "/(etc/passwd|etc/shadow|proc/self/environ)"},
        {"url.original", "union(\\s|%20|\\+)+select", "i"},
        {"url.original", "(%24|\\$)(%7b|\\{)(jndi|env|sys):", "i"},
        {"url.original", "\\.(bak|old|swp|sql|tar\\.gz)$", "i"},
        {"url.original", "^/+dana-na/+\\.\\./"},
        {"user_agent.original", "^Mozilla/[45]\\.0 \\(compatible; MSIE [5-8]\\."},
        {"user_agent.original", "^(curl|Wget|python-requests|Go-http-client)/", "i"},
        {"user_agent.original", "(nmap|masscan|zgrab|nuclei)", "i"},
        {"user.name", "^[a-z]{1,2}[0-9]{5,}$"},
        {"user.name", "^(admin|root|test)[0-9]+$", "i"},
    };

    private static final String[] LEVELS = {"informational", "low", "medium", "medium", "high", "high", "critical"};

    private static final String[][] TACTICS = {
        {"initial-access", "t1190"}, {"initial-access", "t1133"}, {"credential-access", "t1110"},
        {"credential-access", "t1110.003"}, {"discovery", "t1046"}, {"reconnaissance", "t1595.002"},
        {"defense-evasion", "t1070"}, {"persistence", "t1505.003"}, {"execution", "t1059"},
        {"command-and-control", "t1071.001"}, {"defense-evasion", "t1078"},
    };
}
