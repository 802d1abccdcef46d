-- Signed gateway requests for wrk: one API key per connection, an increasing nonce per request.
--
-- Run wrk with as many threads as connections (-t N -c N): each thread then drives exactly
-- one connection, so its requests (and nonces) arrive in order. Arguments (after `--`):
--   <method> <path> <content-type or -> <body file or -> <nonce base> <keys file> [itemise]
-- The keys file holds one "api_key signature" line per connection, the signature computed
-- by bench_http.py over this exact request (the "params" scheme signs the parameters, not the
-- nonce, so one signature serves every request of a connection).
--
-- The load generator shares the machine with the server it measures, so each request costs it
-- as little as wrk allows (its SCRIPTING guide): the request is formatted once in init() and
-- only the nonce is spliced in per request, and there is no response() unless "itemise" is
-- given, so wrk does not hand every response's headers and body to Lua. Failed answers are
-- then still counted, by wrk itself (summary.errors.status: status > 399), just not by code.
-- On 2 cores this took wrk from about 115 to about 85 us of CPU per request.

local counter = 0
local threads = {}

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

local NONCE_MARK = "\0nonce\0"

function init(args)
  local method, path, content_type, body_file = args[1], args[2], args[3], args[4]
  nonce = tonumber(args[5])
  local body = nil
  if body_file ~= "-" then
    local handle = assert(io.open(body_file, "rb"))
    body = handle:read("*a")
    handle:close()
  end
  local api_key, signature
  local line_number = 0
  for line in io.lines(args[6]) do
    line_number = line_number + 1
    if line_number == index then
      api_key, signature = line:match("^(%S+) (%S+)$")
    end
  end
  assert(api_key, "no key for connection " .. index)
  local headers = { ["X-API-Key"] = api_key, ["X-Signature"] = signature, ["X-Nonce"] = NONCE_MARK }
  if content_type ~= "-" then
    headers["Content-Type"] = content_type
  end
  local whole = wrk.format(method, path, headers, body)
  local at = assert(whole:find(NONCE_MARK, 1, true), "nonce header not in the request")
  head, tail = whole:sub(1, at - 1), whole:sub(at + #NONCE_MARK)
  if args[7] == "itemise" then
    statuses = {}
    response = function(status, headers, body)
      statuses[status] = (statuses[status] or 0) + 1
    end
  end
end

function request()
  nonce = nonce + 1
  return head .. string.format("%d", nonce) .. tail
end

function done(summary, latency, requests)
  -- One machine-readable line for bench_http.py (wrk's own report is printed above it).
  local codes = {}
  for _, thread in ipairs(threads) do
    local seen = thread:get("statuses")
    if seen then
      for status, count in pairs(seen) do
        codes[#codes + 1] = string.format("%d:%d", status, count)
      end
    end
  end
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d failed=%d statuses=%s\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout,
    summary.errors.status, table.concat(codes, ",")))
end
