-- wrk script for the web benchmark: cycles through the requests in $BENCH_REQUESTS (one a line:
-- method, path, cookie, CSRF token, body, separated by tabs), so 30 students' cookies take
-- turns; counts every answer that is not a 200 (wrk itself only counts 4xx/5xx, not redirects)
-- and prints one RESULT line with the throughput and the 50th and 95th percentile latencies.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local requests = {}
local index = 0
not_ok = 0

local function split(line)
  local fields = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do
    table.insert(fields, field)
  end
  return fields
end

function init(args)
  local origin = os.getenv("BENCH_ORIGIN")
  for line in io.lines(os.getenv("BENCH_REQUESTS")) do
    local method, path, cookie, csrf, body = unpack(split(line))
    local headers = {["X-Forwarded-Proto"] = "https"}
    if cookie ~= "" then headers["Cookie"] = cookie end
    if method == "POST" then
      headers["Content-Type"] = "application/x-www-form-urlencoded"
      headers["Origin"] = origin
      headers["X-CSRFToken"] = csrf
      headers["X-Requested-With"] = "XMLHttpRequest"
    end
    table.insert(requests, wrk.format(method, path, headers, body ~= "" and body or nil))
  end
  index = math.random(#requests) - 1
end

function request()
  index = index % #requests + 1
  return requests[index]
end

function response(status, headers, body)
  if status ~= 200 then not_ok = not_ok + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("not_ok") end
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p95_us=%d not_ok=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
