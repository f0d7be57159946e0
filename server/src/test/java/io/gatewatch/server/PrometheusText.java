package io.gatewatch.server;

/** Values out of a {@code /metrics} page (Prometheus text format), for tests. Shared with the CLI's tests. */
public final class PrometheusText {
    private PrometheusText() {}

    /**
     * The value of one series, written as on the page ({@code name{label="v",...}}, labels in
     * alphabetical order), or 0 when the page does not have it (a counter never incremented).
     */
    public static double value(String page, String series) {
        for (String line : page.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        return 0;
    }

    /** Whether the page has a line of {@code name} (with any labels) that has all of {@code labels}. */
    public static boolean has(String page, String name, String... labels) {
        for (String line : page.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                boolean all = true;
                for (String label : labels) {
                    all &= line.contains(label);
                }
                if (all) {
                    return true;
                }
            }
        }
        return false;
    }
}
