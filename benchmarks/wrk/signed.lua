-- Signed gateway requests for wrk: one API key per connection, an increasing nonce per request.
--
-- Run wrk with as many threads as connections (-t N -c N): each thread then drives exactly
-- one connection, so its requests (and nonces) arrive in order. Arguments (after `--`):
--   <method> <path> <content-type or -> <body file or -> <nonce base> <keys file>
-- The keys file holds one "api_key signature" line per connection, the signature computed
-- by bench_http.py over this exact request (the "params" scheme signs the parameters, not the
-- nonce, so one signature serves every request of a connection).

local counter = 0
local threads = {}

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

function init(args)
  method = args[1]
  path = args[2]
  content_type = args[3]
  local body_file = args[4]
  nonce = tonumber(args[5])
  body = nil
  if body_file ~= "-" then
    local handle = assert(io.open(body_file, "rb"))
    body = handle:read("*a")
    handle:close()
  end
  local line_number = 0
  for line in io.lines(args[6]) do
    line_number = line_number + 1
    if line_number == index then
      api_key, signature = line:match("^(%S+) (%S+)$")
    end
  end
  assert(api_key, "no key for connection " .. index)
  headers = { ["X-API-Key"] = api_key, ["X-Signature"] = signature }
  if content_type ~= "-" then
    headers["Content-Type"] = content_type
  end
end

function request()
  nonce = nonce + 1
  headers["X-Nonce"] = string.format("%d", nonce)
  return wrk.format(method, path, headers, body)
end

statuses = {}

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  -- One machine-readable line for bench_http.py (wrk's own report is printed above it).
  local codes = {}
  for _, thread in ipairs(threads) do
    local seen = thread:get("statuses")
    for status, count in pairs(seen) do
      codes[#codes + 1] = string.format("%d:%d", status, count)
    end
  end
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d statuses=%s\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout,
    table.concat(codes, ",")))
end
