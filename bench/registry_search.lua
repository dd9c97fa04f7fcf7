-- wrk script of the registry search benchmark (bench/registry_search.py): each request asks
-- GET /api/v1/enterprises?q=… with the next query of the file named by $QUERIES (one URL-encoded
-- query a line), threads starting at different places; `done` prints one machine-readable line:
--   RESULT requests rps p50_ms p90_ms p99_ms max_ms errors
local queries = {}
for line in io.lines(os.getenv("QUERIES")) do
  if #line > 0 then queries[#queries + 1] = line end
end
if #queries == 0 then queries[1] = "" end  -- a fixed path (SEARCH_PATH) with no query
local path = os.getenv("SEARCH_PATH") or "/api/v1/enterprises?pageSize=20&q="

local counter = 1

function setup(thread)
  thread:set("offset", counter * 7919)
  counter = counter + 1
end

local i = 0

function init(args)
  i = offset or 0
end

function request()
  i = i + 1
  return wrk.format("GET", path .. queries[(i % #queries) + 1])
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    + summary.errors.status
  io.write(string.format("RESULT %d %.1f %.2f %.2f %.2f %.2f %d\n", summary.requests,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, errors))
end
