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
dofile("bench/result.lua")
