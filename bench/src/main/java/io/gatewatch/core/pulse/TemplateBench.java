package io.gatewatch.core.pulse;

import io.gatewatch.core.template.Template;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One catalog template matched against one message text: the cost of template extraction per
 * event. {@code java -jar bench/target/benchmarks.jar TemplateBench}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class TemplateBench {
    @Param({"AUT24326", "AUT24803", "WEB20174", "AUT31504"})
    public String code;

    private Template template;
    private TemplateRule rule;
    private String text;
    private final int[] spans = new int[64];

    @Setup
    public void setUp() {
        rule = MessageCatalog.defaultCatalog().byCode(code).rules().get(0);
        template = rule.template;
        text = switch (code) {
            case "AUT24326" -> "Primary authentication successful for jdoe/AD Corp from 10.1.2.3";
            case "AUT24803" -> "Host Checker policy 'HC Windows' passed on host '10.1.2.3' address '60-f2-62-ea-2d-a1' for user 'jdoe'.";
            case "WEB20174" -> "WebRequest completed, GET to [http://10.0.0.1:8080/test/path?x=1] from [10.10.10.10] result=[200] sent=[62] received=[49280] in [10] seconds";
            default -> "Login succeeded for jdoe/Users (session:00000000) from 82.213.178.130 with Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:87.0) Gecko/20100101 Firefox/87.0.";
        };
        if (!template.match(text, 0, text.length(), spans)) {
            throw new IllegalStateException("template does not match: " + code);
        }
    }

    @Benchmark
    public boolean match() {
        return template.match(text, 0, text.length(), spans);
    }

    /** Matching plus writing the captures into a fresh event. */
    @Benchmark
    public io.gatewatch.core.ecs.EcsEvent apply() {
        io.gatewatch.core.ecs.EcsEvent e = new io.gatewatch.core.ecs.EcsEvent();
        rule.apply(text, 0, text.length(), e, spans);
        return e;
    }
}
