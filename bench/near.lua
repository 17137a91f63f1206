-- wrk script: radius queries at a fixed list of centres. Args: <centres file> <radius metres>
local centres, idx = {}, 0
function init(args)
  for line in io.lines(args[1]) do centres[#centres + 1] = line end
  radius = args[2] or "5000"
end
function request()
  idx = idx % #centres + 1
  local lon, lat = centres[idx]:match("([^,]+),([^,]+)")
  return wrk.format("GET", "/api/hazards/near?lon=" .. lon .. "&lat=" .. lat .. "&radius=" .. radius)
end
function done(s, latency, requests)
  local errs = s.errors.status + s.errors.connect + s.errors.read + s.errors.timeout + s.errors.write
  io.write(string.format("RESULT req_s=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d bytes_per_req=%.0f\n",
    s.requests / (s.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, errs,
    s.requests > 0 and s.bytes / s.requests or 0))
end
