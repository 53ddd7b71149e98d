// Group commit: requests hand their write to one writer thread, which runs many of them in one
// database transaction (one fsync), each inside its own savepoint, and wakes each caller only
// after the commit. A write that throws is rolled back to its savepoint alone.
#pragma once
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "store/db.hpp"

namespace weizhi::store {

class WriteBatcher {
 public:
  WriteBatcher(std::unique_ptr<Connection> connection, const Clock& clock, std::size_t max_batch);
  ~WriteBatcher();

  // Blocks until `work` is committed (returns) or failed (rethrows what it threw, or the
  // commit's error).
  void run(const std::function<void(Tx&)>& work);

 private:
  struct Job {
    const std::function<void(Tx&)>* work;
    std::exception_ptr error;
    bool done = false;
  };

  void loop();
  void commit_batch(std::vector<Job*>& batch);

  std::unique_ptr<Connection> connection_;
  const Clock& clock_;
  std::size_t max_batch_;
  std::mutex mutex_;
  std::condition_variable queued_;
  std::condition_variable finished_;
  std::deque<Job*> queue_;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace weizhi::store
