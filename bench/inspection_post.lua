-- wrk script: POST one multipart inspection form read from a file. Args: <path> <form file> <boundary>
local path, body, boundary
function init(args)
  path, boundary = args[1], args[3]
  -- into wrk.headers, which carry -H Authorization: a header table given to wrk.format would replace them
  wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
  local f = assert(io.open(args[2], "rb")); body = f:read("*a"); f:close()
end
function request()
  return wrk.format("POST", path, nil, body)
end
dofile("bench/result.lua")
