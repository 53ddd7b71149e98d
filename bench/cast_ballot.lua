-- wrk script for bench/voting-cast.sh: every request records one owner's ballot at a meeting (a durable,
-- audited write). Each thread takes every THREADS-th voter id of WEIZHI_BENCH_VOTERS, a file of one id
-- per line, and stops when its share is cast. Reads WEIZHI_BENCH_COOKIE, WEIZHI_BENCH_CSRF,
-- WEIZHI_BENCH_PATH and WEIZHI_BENCH_THREADS from the environment.

local function required(name)
  local value = os.getenv(name)
  if value == nil or value == "" then
    error(name .. " is not set: run this script through bench/voting-cast.sh")
  end
  return value
end

local next_index = 0

function setup(thread)
  next_index = next_index + 1
  thread:set("offset", next_index)
end

function init(args)
  voters = {}
  local stride = tonumber(required("WEIZHI_BENCH_THREADS"))
  local line_number = 0
  for line in io.lines(required("WEIZHI_BENCH_VOTERS")) do
    line_number = line_number + 1
    if line_number % stride == offset % stride then
      voters[#voters + 1] = line
    end
  end
  cursor = 0
  path = required("WEIZHI_BENCH_PATH")
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Cookie"] = required("WEIZHI_BENCH_COOKIE")
  wrk.headers["X-CSRF-Token"] = required("WEIZHI_BENCH_CSRF")
end

function request()
  cursor = cursor + 1
  local voter = voters[cursor]
  if voter == nil then
    -- Every voter of this thread has a ballot: repeat the last one (answered 409) until wrk stops.
    voter = voters[#voters]
    wrk.thread:stop()
  end
  return wrk.format("POST", path, nil, '{"voter_id": ' .. voter .. ', "choices": ["agree"]}')
end
