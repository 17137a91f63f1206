/** Operations: Prometheus metrics at {@code /metrics} (requests per route, pool, tile cache, job queue). */
package riskmap.metrics;
