package io.gatewatch.detect.cti;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small TAXII 2.1 server for tests (OASIS TAXII 2.1 §4.1 discovery, §4.2 API root, §5.1
 * collections, §5.3 objects), on a free port of the loopback address. It requires HTTP Basic
 * ({@link #USER}, {@link #PASSWORD}) or the bearer {@link #TOKEN}, and the TAXII media type; it
 * serves its objects one per page, paging through {@code next} after the first object and
 * through {@code X-TAXII-Date-Added-Last} afterwards, and filters on {@code added_after}.
 * Shared with the server's tests (the test jar).
 */
public final class TaxiiTestServer implements AutoCloseable {
    public static final String USER = "analyst";
    public static final String PASSWORD = "s3cret";
    public static final String TOKEN = "t0ken";
    public static final String COLLECTION = "91a7b528-80eb-42ed-a74d-c6fbd5a26116";

    /** An object of the collection and when it was added (TAXII timestamp, ordered as text). */
    public record StoredObject(String dateAdded, String json) {}

    private final HttpServer server;
    private final List<StoredObject> objects;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private TaxiiTestServer(HttpServer server, List<StoredObject> objects) {
        this.server = server;
        this.objects = List.copyOf(objects);
    }

    /** Serves {@code objects}, in that order, from the collection {@link #COLLECTION} of {@code /api1/}. */
    public static TaxiiTestServer start(List<StoredObject> objects) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        TaxiiTestServer t = new TaxiiTestServer(http, objects);
        http.createContext("/", t::handle);
        http.start();
        return t;
    }

    /** An indicator valid since 2023 with {@code pattern}, as a JSON object. */
    public static String indicator(String id, String pattern) {
        return ThreatIntelTest.indicator(id, "2024-01-01T00:00:00Z", pattern, "");
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public URI discovery() {
        return base().resolve("taxii2/");
    }

    public URI apiRoot() {
        return base().resolve("api1/");
    }

    /** Every request's path and decoded query, in the order received. */
    public List<String> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String query = x.getRequestURI().getRawQuery() == null ? "" : x.getRequestURI().getQuery();
        requests.add(path + (query.isEmpty() ? "" : "?" + query));
        String auth = x.getRequestHeaders().getFirst("Authorization");
        String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        if (!basic.equals(auth) && !("Bearer " + TOKEN).equals(auth)) {
            send(x, 401, "{\"title\":\"unauthorized\"}", null);
            return;
        }
        String accept = x.getRequestHeaders().getFirst("Accept");
        if (accept == null || !accept.startsWith("application/taxii+json")) {
            send(x, 406, "{\"title\":\"not acceptable\"}", null);
            return;
        }
        switch (path) {
            case "/taxii2/" -> send(x, 200, "{\"title\":\"test\",\"default\":\"/api1/\",\"api_roots\":[\"/api1/\",\"/api2/\"]}", null);
            case "/api1/" -> send(x, 200, "{\"title\":\"API 1\",\"versions\":[\"application/taxii+json;version=2.1\"],"
                    + "\"max_content_length\":10485760}", null);
            case "/api1/collections/" -> send(x, 200, "{\"collections\":[{\"id\":\"" + COLLECTION + "\","
                    + "\"title\":\"IOCs\",\"can_read\":true,\"can_write\":false}]}", null);
            case "/api1/collections/" + COLLECTION + "/objects/" -> objects(x, query);
            default -> send(x, 404, "{\"title\":\"not found\"}", null);
        }
    }

    /** One object per page; {@code next} is the index of the next object, given after the first object only. */
    private void objects(HttpExchange x, String query) throws IOException {
        String after = param(query, "added_after");
        String next = param(query, "next");
        List<Integer> eligible = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            if (after == null || objects.get(i).dateAdded().compareTo(after) > 0) {
                eligible.add(i);
            }
        }
        int start = next == null ? 0 : eligible.indexOf(Integer.parseInt(next));
        if (eligible.isEmpty() || start < 0) {
            send(x, 200, "{}", null);
            return;
        }
        int i = eligible.get(start);
        boolean more = start + 1 < eligible.size();
        String nextField = more && i == 0 ? ",\"next\":\"" + eligible.get(start + 1) + "\"" : "";
        StoredObject o = objects.get(i);
        send(x, 200, "{\"more\":" + more + nextField + ",\"objects\":[" + o.json() + "]}", o.dateAdded());
    }

    private static String param(String query, String name) {
        for (String kv : query.split("&")) {
            if (kv.startsWith(name + "=")) {
                return kv.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static void send(HttpExchange x, int status, String body, String dateAddedLast) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", TaxiiClient.MEDIA_TYPE);
        if (dateAddedLast != null) {
            x.getResponseHeaders().set("X-TAXII-Date-Added-First", dateAddedLast);
            x.getResponseHeaders().set("X-TAXII-Date-Added-Last", dateAddedLast);
        }
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }
}
