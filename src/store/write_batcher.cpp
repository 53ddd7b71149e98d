// The group-commit writer thread.
#include "store/write_batcher.hpp"

#include <chrono>

#include "core/metrics.hpp"

namespace weizhi::store {

WriteBatcher::WriteBatcher(std::unique_ptr<Connection> connection, const Clock& clock, std::size_t max_batch)
    : connection_(std::move(connection)), clock_(clock), max_batch_(max_batch) {
  auto& registry = metrics::Registry::instance();
  registry.describe("weizhi_write_batch_size", "histogram", "Requests committed together in one transaction");
  registry.describe("weizhi_commit_seconds", "histogram", "Time to commit one batch, fsync included");
  writer_ = std::thread([this] { loop(); });
}

WriteBatcher::~WriteBatcher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  queued_.notify_all();
  writer_.join();
}

void WriteBatcher::run(const std::function<void(Tx&)>& work) {
  Job job{&work, nullptr, false};
  std::unique_lock lock(mutex_);
  if (stopping_) throw std::runtime_error("the writer is stopping");
  queue_.push_back(&job);
  queued_.notify_one();
  finished_.wait(lock, [&] { return job.done; });
  if (job.error) std::rethrow_exception(job.error);
}

void WriteBatcher::loop() {
  std::vector<Job*> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      queued_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued has been written
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    commit_batch(batch);
    {
      std::lock_guard lock(mutex_);
      for (Job* job : batch) job->done = true;
    }
    finished_.notify_all();
    batch.clear();
  }
}

void WriteBatcher::commit_batch(std::vector<Job*>& batch) {
  static auto& batch_sizes =
      metrics::Registry::instance().histogram("weizhi_write_batch_size", {1, 2, 4, 8, 16, 32, 64, 128, 256, 512});
  static auto& commit_seconds =
      metrics::Registry::instance().histogram("weizhi_commit_seconds", metrics::latency_bounds());
  batch_sizes.observe(static_cast<double>(batch.size()));
  try {
    connection_->begin();
    Tx tx(*connection_, clock_.now());
    bool any_succeeded = false;
    for (Job* job : batch) {
      ChainTail tail_before = tx.audit_tail();
      try {
        connection_->exec("SAVEPOINT request");
        (*job->work)(tx);
        connection_->exec("RELEASE SAVEPOINT request");
        any_succeeded = true;
      } catch (...) {
        job->error = std::current_exception();
        connection_->exec("ROLLBACK TO SAVEPOINT request");
        connection_->exec("RELEASE SAVEPOINT request");
        tx.audit_tail() = tail_before;
      }
    }
    auto started = std::chrono::steady_clock::now();
    if (any_succeeded) {
      connection_->commit();
    } else {
      connection_->rollback();
    }
    commit_seconds.observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  } catch (...) {
    // The batch as a whole failed (lost connection, disk full): nothing of it is durable.
    auto error = std::current_exception();
    for (Job* job : batch) {
      if (!job->error) job->error = error;
    }
    try {
      connection_->rollback();
    } catch (...) {}
  }
}

}  // namespace weizhi::store
