-- wrk script for the benchmarks: every request POSTs the same JSON body (a durable, audited write).
-- Reads WEIZHI_BENCH_COOKIE ("weizhi_session=…"), WEIZHI_BENCH_CSRF and WEIZHI_BENCH_BODY from the environment.

local function required(name)
  local value = os.getenv(name)
  if value == nil or value == "" then
    error(name .. " is not set: run this script through a bench script")
  end
  return value
end

wrk.method = "POST"
wrk.body = required("WEIZHI_BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = required("WEIZHI_BENCH_COOKIE")
wrk.headers["X-CSRF-Token"] = required("WEIZHI_BENCH_CSRF")
