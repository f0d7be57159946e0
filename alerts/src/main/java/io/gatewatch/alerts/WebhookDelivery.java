package io.gatewatch.alerts;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Posts an alert, as the API's JSON, to the webhook of its rule's level; a status other than 2xx is a failure. */
final class WebhookDelivery implements AlertNotifier.Delivery {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, URI> byLevel;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    WebhookDelivery(Map<String, URI> byLevel) {
        this.byLevel = Map.copyOf(byLevel);
    }

    @Override
    public String target(StoredAlert alert) {
        URI url = alert.level() == null ? null : byLevel.get(alert.level());
        return url == null ? null : url.toString();
    }

    @Override
    public void send(StoredAlert alert) throws IOException, InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            AlertJsonWriter.summary(g, alert);
        }
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(target(alert))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("status " + r.statusCode());
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
