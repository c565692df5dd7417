-- wrk script for the serve-load bench suite: each connection sends GET requests for the paths listed one per
-- line in the file named by $TMKIT_LOAD_QUERIES (each thread starts at its own offset, deterministically), and
-- the end prints one line of figures that tmkit-bench reads back.
local paths = {}
local next_path = 1
local threads = 0

function setup(thread)
  thread:set("offset", threads * 997)
  threads = threads + 1
end

function init(args)
  for line in io.lines(os.getenv("TMKIT_LOAD_QUERIES")) do paths[#paths + 1] = line end
  next_path = (offset or 0) % #paths + 1
end

function request()
  local path = paths[next_path]
  next_path = next_path % #paths + 1
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "load: %d requests in %.1f s = %.1f requests/s; latency p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms; "
      .. "errors %d (connect %d, read %d, write %d, timeout %d, non-2xx %d)\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout + e.status, e.connect, e.read, e.write, e.timeout, e.status))
end
