// A clock the test sets, for jobs and expiries at any moment without waiting for it.
#pragma once
#include <atomic>
#include <chrono>

#include "core/time.hpp"

namespace weizhi::testing {

class ManualClock final : public Clock {
 public:
  TimePoint now() const override { return now_; }
  void set(TimePoint now) { now_ = now; }
  void advance(std::chrono::minutes minutes) { now_ = now_.load() + minutes; }

 private:
  std::atomic<TimePoint> now_{std::chrono::system_clock::now()};
};

}  // namespace weizhi::testing
