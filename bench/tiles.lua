-- wrk script: vector tiles from a fixed list of paths (one per line). Args: <paths file>
local paths, idx = {}, 0
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
end
function request()
  idx = idx % #paths + 1
  return wrk.format("GET", paths[idx])
end
function done(s, latency, requests)
  local errs = s.errors.status + s.errors.connect + s.errors.read + s.errors.timeout + s.errors.write
  io.write(string.format("RESULT req_s=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d\n",
    s.requests / (s.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, errs))
end
