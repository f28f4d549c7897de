package dev.paperledge.stage.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The stage metrics every service reports under the same names: {@code paperledge.stage.duration}
 * (a timer, published as a Prometheus histogram so dashboards take p50/p95 across instances) and
 * {@code paperledge.stage.outcomes} (a counter by stage, outcome and reason).
 */
public class StageMetricsConfig {
    public static final String DURATION = "paperledge.stage.duration";
    public static final String OUTCOMES = "paperledge.stage.outcomes";

    @Produces
    @Singleton
    MeterFilter stageDurationHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals(DURATION)) {
                    return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
                }
                return config;
            }
        };
    }
}
