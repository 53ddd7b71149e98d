// Periodic jobs: claiming a period is an INSERT that only the first instance gets to make, in the
// same transaction as the job's work, so a period runs once however many instances look.
#include "app/jobs.hpp"

#include "app/modules.hpp"
#include "core/log.hpp"

namespace weizhi::app {

JobRunner::JobRunner(store::Db& db, const crypto::DataKey& data_key, std::vector<modules::Job> jobs,
                     std::chrono::seconds interval)
    : db_(db), data_key_(data_key), jobs_(std::move(jobs)), interval_(interval) {}

JobRunner::~JobRunner() { stop(); }

void JobRunner::start() {
  if (thread_.joinable() || jobs_.empty()) return;
  stopping_ = false;
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      run_due();
      lock.lock();
      wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
  });
}

void JobRunner::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::vector<std::string> JobRunner::run_due() {
  std::vector<std::string> ran;
  for (const auto& job : jobs_) {
    std::string period = job.period_of(db_.clock().now());
    try {
      // Most looks find the period claimed: a read spares the writer.
      if (db_.read()->query_one("SELECT 1 FROM job_runs WHERE job = ? AND period = ?", {job.name, period})) continue;
      bool claimed = db_.write([&](store::Tx& tx) {
        if (tx.exec("INSERT INTO job_runs (job, period, started_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    {job.name, period, iso_utc(tx.now())}) != 1) {
          return false;
        }
        job.run(tx, period);
        return true;
      });
      if (claimed) {
        std::optional<std::size_t> worked_on;
        if (job.after_commit) worked_on = job.after_commit(db_, data_key_, period);
        ran.push_back(job.name);
        Json fields{{"event", "job_ran"}, {"job", job.name}, {"period", period}};
        if (worked_on) fields["worked_on"] = *worked_on;
        // A job that looks every few seconds mostly finds nothing: those runs would drown the log.
        if (worked_on == 0u) {
          log::debug(fields);
        } else {
          log::info(fields);
        }
      }
    } catch (const std::exception& error) {
      log::error({{"event", "job_failed"}, {"job", job.name}, {"period", period}, {"error", error.what()}});
    }
  }
  return ran;
}

std::vector<modules::Job> all_jobs() {
  std::vector<modules::Job> jobs;
  for (const auto& module : all_modules()) jobs.insert(jobs.end(), module.jobs.begin(), module.jobs.end());
  return jobs;
}

}  // namespace weizhi::app
