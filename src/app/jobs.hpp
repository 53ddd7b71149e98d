// The runner of the modules' periodic jobs inside `weizhi serve`: a background thread looks every
// interval for jobs whose current period no instance has claimed, claims and runs them.
#pragma once
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "modules/module.hpp"
#include "store/db.hpp"

namespace weizhi::app {

class JobRunner {
 public:
  // `data_key` opens the secrets a job's after_commit work needs, such as a robot's signing secret.
  JobRunner(store::Db& db, const crypto::DataKey& data_key, std::vector<modules::Job> jobs,
            std::chrono::seconds interval);
  ~JobRunner();
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Starts the thread; its first look is immediate.
  void start();
  // Wakes the thread and waits for it; a job running then finishes first.
  void stop();
  // Claims and runs each job whose period at the database clock's now is unclaimed; returns the
  // names of those that ran. A job that throws is logged and left unclaimed.
  std::vector<std::string> run_due();

 private:
  store::Db& db_;
  const crypto::DataKey& data_key_;
  std::vector<modules::Job> jobs_;
  std::chrono::seconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// Every registered module's jobs.
std::vector<modules::Job> all_jobs();

}  // namespace weizhi::app
