-- wrk script for the benchmarks that post one body per record: each line of WEIZHI_BENCH_BODIES is one
-- JSON body, posted once to WEIZHI_BENCH_PATH. Each thread takes every THREADS-th line and stops when its
-- share is sent. WEIZHI_BENCH_COOKIE and WEIZHI_BENCH_CSRF are sent when set (sign-in routes need none).

local function required(name)
  local value = os.getenv(name)
  if value == nil or value == "" then
    error(name .. " is not set: run this script through a bench script")
  end
  return value
end

local next_index = 0

function setup(thread)
  next_index = next_index + 1
  thread:set("offset", next_index)
end

function init(args)
  bodies = {}
  local stride = tonumber(required("WEIZHI_BENCH_THREADS"))
  local line_number = 0
  for line in io.lines(required("WEIZHI_BENCH_BODIES")) do
    line_number = line_number + 1
    if line_number % stride == offset % stride then
      bodies[#bodies + 1] = line
    end
  end
  cursor = 0
  path = required("WEIZHI_BENCH_PATH")
  wrk.headers["Content-Type"] = "application/json"
  local cookie, csrf = os.getenv("WEIZHI_BENCH_COOKIE"), os.getenv("WEIZHI_BENCH_CSRF")
  if cookie ~= nil and cookie ~= "" then wrk.headers["Cookie"] = cookie end
  if csrf ~= nil and csrf ~= "" then wrk.headers["X-CSRF-Token"] = csrf end
end

function request()
  cursor = cursor + 1
  local body = bodies[cursor]
  if body == nil then
    -- Every record of this thread is sent: repeat the last one (refused as a repeat) until wrk stops.
    body = bodies[#bodies]
    wrk.thread:stop()
  end
  return wrk.format("POST", path, nil, body)
end
