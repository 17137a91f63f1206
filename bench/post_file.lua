-- wrk script: POST one body read from a file. Args: <path> <body file> <content type>
local path, body
function init(args)
  path = args[1]
  -- into wrk.headers, which carry -H Authorization: a header table given to wrk.format would replace them
  wrk.headers["Content-Type"] = args[3]
  local f = assert(io.open(args[2], "rb")); body = f:read("*a"); f:close()
end
function request()
  return wrk.format("POST", path, nil, body)
end
dofile("bench/result.lua")
