// Counters and histograms rendered in the Prometheus text exposition format.
#include "core/metrics.hpp"

#include <cmath>
#include <cstdio>

namespace weizhi::metrics {

namespace {
std::string number(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.9g", value);
  return buffer;
}
}  // namespace

Histogram::Histogram(std::vector<double> upper_bounds)
    : bounds_(std::move(upper_bounds)), counts_(new std::atomic<std::uint64_t>[bounds_.size() + 1]) {
  for (std::size_t i = 0; i <= bounds_.size(); ++i) counts_[i] = 0;
}

void Histogram::observe(double value) {
  std::size_t i = 0;
  while (i < bounds_.size() && value > bounds_[i]) ++i;
  counts_[i].fetch_add(1, std::memory_order_relaxed);
  total_.fetch_add(1, std::memory_order_relaxed);
  sum_micros_.fetch_add(static_cast<std::uint64_t>(std::llround(value * 1e6)), std::memory_order_relaxed);
}

void Histogram::render(std::string& out, const std::string& name, const std::string& labels) const {
  std::uint64_t cumulative = 0;
  std::string separator = labels.empty() ? "" : ",";
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    cumulative += counts_[i].load(std::memory_order_relaxed);
    std::string le = i < bounds_.size() ? number(bounds_[i]) : "+Inf";
    out += name + "_bucket{" + labels + separator + "le=\"" + le + "\"} " + std::to_string(cumulative) + "\n";
  }
  std::string braces = labels.empty() ? "" : "{" + labels + "}";
  out += name + "_sum" + braces + " " + number(sum_micros_.load() / 1e6) + "\n";
  out += name + "_count" + braces + " " + std::to_string(total_.load()) + "\n";
}

Registry& Registry::instance() {
  static Registry registry;
  return registry;
}

void Registry::count(const std::string& name, const std::string& labels, std::uint64_t amount) {
  std::lock_guard lock(mutex_);
  counters_[name][labels] += amount;
}

Histogram& Registry::histogram(const std::string& name, const std::vector<double>& bounds) {
  std::lock_guard lock(mutex_);
  auto& slot = histograms_[name];
  if (!slot) slot = std::make_unique<Histogram>(bounds);
  return *slot;
}

void Registry::describe(const std::string& name, const std::string& type, const std::string& help) {
  std::lock_guard lock(mutex_);
  descriptions_[name] = {type, help};
}

std::string Registry::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  auto header = [&](const std::string& name, const std::string& fallback_type) {
    auto it = descriptions_.find(name);
    if (it != descriptions_.end()) out += "# HELP " + name + " " + it->second.second + "\n";
    out += "# TYPE " + name + " " + (it != descriptions_.end() ? it->second.first : fallback_type) + "\n";
  };
  for (const auto& [name, series] : counters_) {
    header(name, "counter");
    for (const auto& [labels, value] : series) {
      out += name + (labels.empty() ? "" : "{" + labels + "}") + " " + std::to_string(value) + "\n";
    }
  }
  for (const auto& [name, histogram] : histograms_) {
    header(name, "histogram");
    histogram->render(out, name, "");
  }
  return out;
}

const std::vector<double>& latency_bounds() {
  static const std::vector<double> bounds{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                          0.025,  0.05,    0.1,    0.25,  0.5,    1.0,   2.5};
  return bounds;
}

}  // namespace weizhi::metrics
