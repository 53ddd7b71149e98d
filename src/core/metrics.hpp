// Process metrics in Prometheus text format: labelled counters and histograms, safe to update
// from any thread. One registry per process; render() is what GET /metrics returns.
#pragma once
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace weizhi::metrics {

class Histogram {
 public:
  explicit Histogram(std::vector<double> upper_bounds);
  void observe(double value);
  // Appends the _bucket, _sum and _count lines; `labels` is `key="v",…` or empty.
  void render(std::string& out, const std::string& name, const std::string& labels) const;

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> counts_;  // one per bound, plus +Inf
  std::atomic<std::uint64_t> total_{0};
  std::atomic<std::uint64_t> sum_micros_{0};  // sum in millionths, to stay atomic and exact enough
};

class Registry {
 public:
  static Registry& instance();

  // Adds to a counter identified by name and label set.
  void count(const std::string& name, const std::string& labels, std::uint64_t amount = 1);
  // The histogram of that name, created with these bounds on first use.
  Histogram& histogram(const std::string& name, const std::vector<double>& bounds);
  void describe(const std::string& name, const std::string& type, const std::string& help);
  std::string render() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::pair<std::string, std::string>> descriptions_;  // name → type, help
  std::map<std::string, std::map<std::string, std::uint64_t>> counters_;
  std::map<std::string, std::unique_ptr<Histogram>> histograms_;
};

// Bounds in seconds suited to request and commit latencies (0.1 ms … 2.5 s).
const std::vector<double>& latency_bounds();

}  // namespace weizhi::metrics
