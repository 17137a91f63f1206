-- POST /ack/{token} with {"answer":"received"}, each wrk thread (one Lua state for all its
-- connections) walking its own slice of the answer tokens the webhook received (each link
-- answers once: a repeat would be a 410). The second argument is the number of threads (-t).
local tokens = {}
local counter, stride = 1, 1
local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  stride = tonumber(args[2])
  counter = id
end
function request()
  local t = tokens[((counter - 1) % #tokens) + 1]
  counter = counter + stride
  return wrk.format("POST", "/ack/" .. t, {["Content-Type"] = "application/json"}, '{"answer":"received"}')
end
function done(summary, latency, requests)
  io.write(string.format("RESULT req_s=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.requests))
end
