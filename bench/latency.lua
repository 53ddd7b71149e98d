-- wrk script for the benchmarks: authenticated GETs that end by printing the p50, p95 and p99
-- latencies in milliseconds (wrk's own --latency table has no p95). Reads WEIZHI_BENCH_COOKIE.

local cookie = os.getenv("WEIZHI_BENCH_COOKIE")
if cookie == nil or cookie == "" then
  error("WEIZHI_BENCH_COOKIE is not set: run this script through a bench script")
end
wrk.headers["Cookie"] = cookie

function done(summary, latency, requests)
  io.write(string.format("percentiles_ms p50 %.2f p95 %.2f p99 %.2f\n", latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
