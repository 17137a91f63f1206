-- wrk script: household state changes on one evacuation event, each a legal step. Request i moves
-- household i mod n one step on its way to_move → moving → arrived → returned, so the same
-- household comes again only n requests later. Args: <event id> <households n> <id prefix>
local event, n, prefix, i = nil, 0, nil, 0
local steps = { "moving", "arrived", "returned" }
function init(args)
  event, n, prefix = args[1], tonumber(args[2]), args[3]
  wrk.headers["Content-Type"] = "application/json"
end
function request()
  local k, round = i % n, math.floor(i / n) + 1
  i = i + 1
  if round > #steps then round = #steps end -- past the last step the answers are 409s, counted as errors
  return wrk.format("POST", string.format("/api/evacuation/events/%s/households/%s%06d/state", event, prefix, k + 1), nil,
    string.format('{"state":"%s"}', steps[round]))
end
dofile("bench/result.lua")
