/**
 * Hooks for metrics: {@link io.graft.api.metrics.MetricsRecorder}, which a member calls as it works, and
 * {@link io.graft.api.metrics.TransportMetrics}, the counters a transport may offer. Graft itself depends on no
 * metrics library; {@code graft-metrics-micrometer} binds these to Micrometer.
 */
package io.graft.api.metrics;
