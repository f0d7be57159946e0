package io.gatewatch.detect.cti;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A TAXII 2.1 client (OASIS TAXII 2.1 §4–5): discovery, API root, collections, and the objects of
 * a collection since an {@code added_after} time, page by page. Pages follow {@code more}/{@code next};
 * when a server says {@code more} without {@code next}, the next request starts after the
 * {@code X-TAXII-Date-Added-Last} header instead, as the specification allows.
 *
 * <p>Responses are untrusted: each is read whole but bounded ({@link #MAX_RESPONSE}), and the number
 * of pages per pull is bounded too, so a server that never says "no more" cannot keep us forever.
 */
public final class TaxiiClient {
    public static final String MEDIA_TYPE = "application/taxii+json;version=2.1";
    /** Connecting and each request: long enough for a large page from a slow feed. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    static final int MAX_RESPONSE = 64 << 20;
    static final int MAX_PAGES = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1 << 20).build())
            .build());

    private final HttpClient http;
    private final String authorization;
    private final Duration timeout;

    /** Credentials: HTTP Basic, a bearer token, or none. */
    public sealed interface Auth permits Basic, Bearer, None {}

    /** Its {@code toString} leaves the password out: a settings object may end up in a log line. */
    public record Basic(String user, String password) implements Auth {
        @Override
        public String toString() {
            return "Basic[user=" + user + "]";
        }
    }

    /** Its {@code toString} leaves the token out. */
    public record Bearer(String token) implements Auth {
        @Override
        public String toString() {
            return "Bearer[]";
        }
    }

    public record None() implements Auth {}

    /** A collection as the server lists it. */
    public record Collection(String id, String title, boolean canRead) {}

    /** One page of objects: the raw envelope (for {@link BundleReader}), and where the next one starts. */
    public record Page(byte[] envelope, int objects, boolean more, String next, String dateAddedLast) {}

    public TaxiiClient(Auth auth, Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.authorization = switch (auth) {
            case Basic b -> "Basic " + Base64.getEncoder().encodeToString((b.user() + ":" + b.password()).getBytes(StandardCharsets.UTF_8));
            case Bearer t -> "Bearer " + t.token();
            case None n -> null;
        };
    }

    /** The API roots a discovery URL lists, the default one first when it names one. */
    public List<URI> apiRoots(URI discovery) throws IOException, InterruptedException {
        JsonNode d = JSON.readTree(get(discovery).body());
        List<URI> roots = new ArrayList<>();
        if (d.path("default").isTextual()) {
            roots.add(discovery.resolve(d.get("default").asText()));
        }
        for (JsonNode r : d.path("api_roots")) {
            URI u = discovery.resolve(r.asText());
            if (!roots.contains(u)) {
                roots.add(u);
            }
        }
        return roots;
    }

    /** The API root's information ({@code title}, {@code versions}, {@code max_content_length}). */
    public JsonNode apiRoot(URI root) throws IOException, InterruptedException {
        return JSON.readTree(get(slash(root)).body());
    }

    public List<Collection> collections(URI root) throws IOException, InterruptedException {
        JsonNode c = JSON.readTree(get(slash(root).resolve("collections/")).body());
        List<Collection> out = new ArrayList<>();
        for (JsonNode n : c.path("collections")) {
            out.add(new Collection(n.path("id").asText(), n.path("title").asText(), n.path("can_read").asBoolean(false)));
        }
        return out;
    }

    /** One page of {@code GET {root}/collections/{id}/objects/}. */
    public Page objects(URI root, String collection, String addedAfter, String next, int limit)
            throws IOException, InterruptedException {
        StringBuilder q = new StringBuilder("match%5Btype%5D=indicator&limit=").append(limit);
        if (addedAfter != null) {
            q.append("&added_after=").append(URLEncoder.encode(addedAfter, StandardCharsets.UTF_8));
        }
        if (next != null) {
            q.append("&next=").append(URLEncoder.encode(next, StandardCharsets.UTF_8));
        }
        URI u = slash(root).resolve("collections/" + URLEncoder.encode(collection, StandardCharsets.UTF_8) + "/objects/?" + q);
        Response r = get(u);
        JsonNode env = JSON.readTree(r.body());
        String n = env.path("next").isTextual() ? env.get("next").asText() : null;
        return new Page(r.body(), env.path("objects").size(), env.path("more").asBoolean(false), n,
                r.headers().firstValue("X-TAXII-Date-Added-Last").orElse(null));
    }

    /**
     * Imports every page since {@code addedAfter} into {@code source}; returns the {@code added_after}
     * to start from next time (the last page's {@code X-TAXII-Date-Added-Last}, else the one given).
     */
    public String pull(URI root, String collection, String addedAfter, ThreatIntel intel, String source,
            List<ImportSummary> summaries) throws IOException, InterruptedException {
        String after = addedAfter;
        String next = null;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            Page p = objects(root, collection, after, next, 1000);
            if (p.objects() > 0) { // an empty envelope may omit "objects" altogether
                summaries.add(intel.importBundle(source, new ByteArrayInputStream(p.envelope())));
            }
            String last = p.dateAddedLast();
            if (!p.more()) {
                return last != null ? last : after;
            }
            if (p.next() != null) {
                next = p.next();
            } else if (last != null && !last.equals(after)) {
                after = last;
                next = null;
            } else {
                throw new IOException("server says more objects but gives neither next nor X-TAXII-Date-Added-Last");
            }
        }
        throw new IOException("more than " + MAX_PAGES + " pages in one pull");
    }

    /** A response read whole, within bounds. */
    private record Response(byte[] body, java.net.http.HttpHeaders headers) {}

    private Response get(URI uri) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", MEDIA_TYPE).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream in = r.body()) {
            body = in.readNBytes(MAX_RESPONSE + 1);
        }
        if (body.length > MAX_RESPONSE) {
            throw new IOException(uri.getPath() + ": response larger than " + MAX_RESPONSE + " bytes");
        }
        if (r.statusCode() != 200) {
            throw new IOException(uri.getPath() + ": HTTP " + r.statusCode());
        }
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/taxii+json")) {
            throw new IOException(uri.getPath() + ": expected " + MEDIA_TYPE + ", got '" + type + "'");
        }
        return new Response(body, r.headers());
    }

    private static URI slash(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? u : URI.create(s + "/");
    }
}
