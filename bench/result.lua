-- wrk: the RESULT line the bench scripts read (req/s, p50, p99, errors, bytes per request).
-- Loaded by the request scripts with dofile("bench/result.lua"): wrk runs from the repository root.
function done(s, latency, requests)
  local errs = s.errors.status + s.errors.connect + s.errors.read + s.errors.timeout + s.errors.write
  io.write(string.format("RESULT req_s=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d bytes_per_req=%.0f\n",
    s.requests / (s.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, errs,
    s.requests > 0 and s.bytes / s.requests or 0))
end
