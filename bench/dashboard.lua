-- wrk script: one fixed dashboard request (path and token from the command line, -H); reports a RESULT line.
function done(s, latency, requests)
  local errs = s.errors.status + s.errors.connect + s.errors.read + s.errors.timeout + s.errors.write
  io.write(string.format("RESULT req_s=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d bytes_per_req=%.0f\n",
    s.requests / (s.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, errs,
    s.requests > 0 and s.bytes / s.requests or 0))
end
