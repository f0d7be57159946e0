package io.gatewatch.core.pulse;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;

/** Splits a URL seen in a message into the ECS url.* parts, by hand and leniently. */
final class Urls {
    private Urls() {}

    static void split(String url, EcsEvent e) {
        int i = 0;
        int scheme = url.indexOf("://");
        if (scheme > 0 && scheme < 16) {
            e.set(EcsField.URL_SCHEME, url.substring(0, scheme));
            i = scheme + 3;
            int slash = url.indexOf('/', i);
            int hostEnd = slash < 0 ? url.length() : slash;
            String hostPort = url.substring(i, hostEnd);
            int colon = hostPort.lastIndexOf(':');
            if (colon > 0 && hostPort.indexOf(']') < colon) {
                long port = TemplateRule.parseLong(hostPort.substring(colon + 1));
                if (port >= 0 && port <= 65535) {
                    e.setLong(EcsField.URL_PORT, port);
                }
                hostPort = hostPort.substring(0, colon);
            }
            e.setIfAbsent(EcsField.URL_DOMAIN, hostPort);
            i = hostEnd;
        }
        if (i < url.length()) {
            String rest = url.substring(i);
            int q = rest.indexOf('?');
            e.setIfAbsent(EcsField.URL_PATH, q < 0 ? rest : rest.substring(0, q));
            if (q >= 0) {
                e.set(EcsField.URL_QUERY, rest.substring(q + 1));
            }
        }
    }
}
