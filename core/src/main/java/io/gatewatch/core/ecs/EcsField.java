package io.gatewatch.core.ecs;

import java.util.HashMap;
import java.util.Map;

/**
 * Every field gatewatch emits, with its ECS path and type: the one table that the parser,
 * the JSON writer, and later the store's index mappings read.
 *
 * <p>Vendor fields that ECS has no name for live under {@code pulse_secure.*}, the namespace
 * Elastic's own Pulse Secure integration uses.
 */
public enum EcsField {
    TIMESTAMP("@timestamp", FieldType.DATE),
    MESSAGE("message", FieldType.TEXT),
    TAGS("tags", FieldType.KEYWORD_LIST),
    LABELS("labels", FieldType.OBJECT),

    EVENT_KIND("event.kind", FieldType.KEYWORD),
    EVENT_CATEGORY("event.category", FieldType.KEYWORD_LIST),
    EVENT_TYPE("event.type", FieldType.KEYWORD_LIST),
    EVENT_OUTCOME("event.outcome", FieldType.KEYWORD),
    EVENT_CODE("event.code", FieldType.KEYWORD),
    EVENT_ACTION("event.action", FieldType.KEYWORD),
    EVENT_PROVIDER("event.provider", FieldType.KEYWORD),
    EVENT_REASON("event.reason", FieldType.KEYWORD),
    EVENT_SEVERITY("event.severity", FieldType.LONG),
    EVENT_DURATION("event.duration", FieldType.LONG),
    EVENT_DATASET("event.dataset", FieldType.KEYWORD),
    EVENT_ORIGINAL("event.original", FieldType.KEYWORD),
    ACTION_NAME("action.name", FieldType.KEYWORD),
    ERROR_MESSAGE("error.message", FieldType.TEXT),
    ERROR_CODE("error.code", FieldType.KEYWORD),

    LOG_SYSLOG_VERSION("log.syslog.version", FieldType.KEYWORD),
    LOG_SYSLOG_PRIORITY("log.syslog.priority", FieldType.LONG),
    LOG_SYSLOG_FACILITY_CODE("log.syslog.facility.code", FieldType.LONG),
    LOG_SYSLOG_FACILITY_NAME("log.syslog.facility.name", FieldType.KEYWORD),
    LOG_SYSLOG_SEVERITY_CODE("log.syslog.severity.code", FieldType.LONG),
    LOG_SYSLOG_SEVERITY_NAME("log.syslog.severity.name", FieldType.KEYWORD),
    LOG_SYSLOG_HOSTNAME("log.syslog.hostname", FieldType.KEYWORD),
    LOG_SYSLOG_APPNAME("log.syslog.appname", FieldType.KEYWORD),
    LOG_SYSLOG_PROCID("log.syslog.procid", FieldType.KEYWORD),
    LOG_SYSLOG_MSGID("log.syslog.msgid", FieldType.KEYWORD),
    /** RFC 5424 structured data, as {@code {"SD-ID": {"param": "value"}}}. */
    SYSLOG("syslog", FieldType.OBJECT),

    OBSERVER_IP("observer.ip", FieldType.IP_LIST),
    OBSERVER_HOSTNAME("observer.hostname", FieldType.KEYWORD),
    OBSERVER_NAME("observer.name", FieldType.KEYWORD),
    OBSERVER_VENDOR("observer.vendor", FieldType.KEYWORD),
    OBSERVER_PRODUCT("observer.product", FieldType.KEYWORD),
    OBSERVER_TYPE("observer.type", FieldType.KEYWORD),

    NETWORK_FORWARDED_IP("network.forwarded_ip", FieldType.IP),
    NETWORK_TRANSPORT("network.transport", FieldType.KEYWORD),
    NETWORK_PROTOCOL("network.protocol", FieldType.KEYWORD),

    SERVICE_NAME("service.name", FieldType.KEYWORD),
    SERVICE_TYPE("service.type", FieldType.KEYWORD),

    SOURCE_ADDRESS("source.address", FieldType.KEYWORD),
    SOURCE_IP("source.ip", FieldType.IP),
    SOURCE_PORT("source.port", FieldType.LONG),
    SOURCE_BYTES("source.bytes", FieldType.LONG),
    SOURCE_NAT_IP("source.nat.ip", FieldType.IP),

    DESTINATION_ADDRESS("destination.address", FieldType.KEYWORD),
    DESTINATION_IP("destination.ip", FieldType.IP),
    DESTINATION_PORT("destination.port", FieldType.LONG),
    DESTINATION_BYTES("destination.bytes", FieldType.LONG),
    DESTINATION_DOMAIN("destination.domain", FieldType.KEYWORD),

    HOST_IP("host.ip", FieldType.IP_LIST),
    HOST_MAC("host.mac", FieldType.KEYWORD_LIST),
    HOST_NAME("host.name", FieldType.KEYWORD),
    HOST_HOSTNAME("host.hostname", FieldType.KEYWORD),

    USER_NAME("user.name", FieldType.KEYWORD),
    USER_DOMAIN("user.domain", FieldType.KEYWORD),
    USER_ROLES("user.roles", FieldType.KEYWORD_LIST),
    USER_TARGET_NAME("user.target.name", FieldType.KEYWORD),
    USER_TARGET_DOMAIN("user.target.domain", FieldType.KEYWORD),
    USER_TARGET_ROLES("user.target.roles", FieldType.KEYWORD_LIST),
    USER_AGENT_ORIGINAL("user_agent.original", FieldType.KEYWORD),

    URL_ORIGINAL("url.original", FieldType.KEYWORD),
    URL_PATH("url.path", FieldType.KEYWORD),
    URL_QUERY("url.query", FieldType.KEYWORD),
    URL_DOMAIN("url.domain", FieldType.KEYWORD),
    URL_SCHEME("url.scheme", FieldType.KEYWORD),
    URL_PORT("url.port", FieldType.LONG),
    HTTP_REQUEST_METHOD("http.request.method", FieldType.KEYWORD),
    HTTP_RESPONSE_STATUS_CODE("http.response.status_code", FieldType.LONG),
    HTTP_VERSION("http.version", FieldType.KEYWORD),

    RULE_NAME("rule.name", FieldType.KEYWORD),

    /**
     * Threat-intelligence hits: a list of maps, one per matched indicator ({@code indicator.*},
     * {@code matched.*}), as ECS nests them. Written by the CTI stage, never by the parser.
     */
    THREAT_ENRICHMENTS("threat.enrichments", FieldType.OBJECT),

    RELATED_IP("related.ip", FieldType.IP_LIST),
    RELATED_USER("related.user", FieldType.KEYWORD_LIST),

    PULSE_FORMAT("pulse_secure.format", FieldType.KEYWORD),
    PULSE_NAMESPACE("pulse_secure.namespace", FieldType.KEYWORD),
    PULSE_SESSION_ID("pulse_secure.session.id", FieldType.KEYWORD),
    PULSE_SESSION_ID_SHORT("pulse_secure.session.id_short", FieldType.KEYWORD),
    PULSE_SESSION_LAST_ACCESS("pulse_secure.session.last_access", FieldType.KEYWORD),
    PULSE_AUTH_STAGE("pulse_secure.auth.stage", FieldType.KEYWORD),
    PULSE_AUTH_SERVER_NAME("pulse_secure.auth_server.name", FieldType.KEYWORD),
    PULSE_AUTH_SERVER_TYPE("pulse_secure.auth_server.type", FieldType.KEYWORD),
    PULSE_AUTH_SERVER_SECONDARY_NAME("pulse_secure.auth_server.secondary.name", FieldType.KEYWORD),
    PULSE_AUTH_SERVER_SECONDARY_TYPE("pulse_secure.auth_server.secondary.type", FieldType.KEYWORD),
    PULSE_AUTH_SERVER_SECONDARY_USER("pulse_secure.auth_server.secondary.user", FieldType.KEYWORD),
    PULSE_RESTRICTION_TYPE("pulse_secure.restriction.type", FieldType.KEYWORD),
    PULSE_REASON("pulse_secure.reason", FieldType.KEYWORD),
    PULSE_PREVIOUS_IP("pulse_secure.previous_ip", FieldType.IP),
    PULSE_TRANSPORT_MODE("pulse_secure.transport_mode", FieldType.KEYWORD),
    PULSE_KEY_EXCHANGE_NUMBER("pulse_secure.key_exchange.number", FieldType.LONG),
    PULSE_ACL_COUNT("pulse_secure.acl_count", FieldType.LONG),
    PULSE_CONCURRENT_USERS("pulse_secure.concurrent_users", FieldType.LONG),
    PULSE_USER_LIMIT("pulse_secure.user_limit", FieldType.LONG),
    PULSE_NCP_CONNECTIONS("pulse_secure.ncp_connections", FieldType.LONG),
    PULSE_INTEGRITY_MATCHED("pulse_secure.integrity.matched_files", FieldType.LONG),
    PULSE_INTEGRITY_NEW("pulse_secure.integrity.new_files", FieldType.LONG),
    PULSE_INTEGRITY_MISMATCHED("pulse_secure.integrity.mismatched_files", FieldType.LONG),
    PULSE_BANDWIDTH_CONSUMED("pulse_secure.bandwidth.consumed", FieldType.LONG),
    PULSE_LOG_NAME("pulse_secure.log.name", FieldType.KEYWORD),
    PULSE_LOG_FULL_PERCENT("pulse_secure.log.full_percent", FieldType.LONG),
    PULSE_SYSLOG_SERVER("pulse_secure.syslog.server", FieldType.KEYWORD),
    PULSE_SYSLOG_FACILITY("pulse_secure.syslog.facility", FieldType.KEYWORD),
    PULSE_SYSLOG_FILTER("pulse_secure.syslog.filter", FieldType.KEYWORD),
    PULSE_SNMP_TRAP("pulse_secure.snmp.trap", FieldType.KEYWORD),
    PULSE_SOFTWARE_VERSION("pulse_secure.software_version", FieldType.KEYWORD),
    PULSE_TOKEN("pulse_secure.token", FieldType.KEYWORD),
    PULSE_OBJECT("pulse_secure.object", FieldType.KEYWORD),
    PULSE_COUNT("pulse_secure.count", FieldType.LONG),
    PULSE_HOST_CHECKER_STATUS("pulse_secure.host_checker.status", FieldType.KEYWORD),
    PULSE_HOST_CHECKER_PASSED("pulse_secure.host_checker.passed_policies", FieldType.KEYWORD),
    PULSE_HOST_CHECKER_FAILED("pulse_secure.host_checker.failed_policies", FieldType.KEYWORD),
    PULSE_CONNECTION_REASON_CODE("pulse_secure.connection.reason_code", FieldType.LONG),
    PULSE_OP("pulse_secure.op", FieldType.KEYWORD),
    PULSE_ARG("pulse_secure.arg", FieldType.KEYWORD),
    PULSE_RESULT("pulse_secure.result", FieldType.KEYWORD),
    PULSE_SEVERITY_NAME("pulse_secure.severity", FieldType.KEYWORD),

    // Set by the store, not the parser: who received the event, when, and under which id.
    /** The event's id, derived from its journal position. */
    EVENT_ID("event.id", FieldType.KEYWORD),
    /** When gatewatch received the event. */
    EVENT_INGESTED("event.ingested", FieldType.DATE),
    /** The intake the event arrived on (gatewatch's own namespace: ECS has no intake field). */
    GATEWATCH_INTAKE("gatewatch.intake", FieldType.KEYWORD);

    /** Number of fields; {@link EcsEvent} sizes its slot array with it. */
    public static final int COUNT = values().length;

    private static final Map<String, EcsField> BY_PATH = new HashMap<>();

    static {
        for (EcsField f : values()) {
            BY_PATH.put(f.path, f);
        }
    }

    private final String path;
    private final FieldType type;

    EcsField(String path, FieldType type) {
        this.path = path;
        this.type = type;
    }

    /** The dotted ECS path, e.g. {@code source.ip}. */
    public String path() {
        return path;
    }

    public FieldType type() {
        return type;
    }

    /** The field with this dotted path, or null. */
    public static EcsField byPath(String path) {
        return BY_PATH.get(path);
    }
}
