// The job runner's log: a run that says it found nothing to do is a debug line, dropped at the default
// level, so a job that looks every few seconds (the gates' sync) does not fill the log; a run that worked,
// or does not say, is an info line.
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

#include "app/jobs.hpp"
#include "support/test_server.hpp"

using weizhi::testing::ApiTest;

namespace {

// Sends the default logger's lines ("level {fields}") to a string for the test's length.
class CapturedLog {
 public:
  CapturedLog() : previous_(spdlog::default_logger()) {
    auto logger =
        std::make_shared<spdlog::logger>("captured", std::make_shared<spdlog::sinks::ostream_sink_mt>(lines_));
    logger->set_level(spdlog::level::debug);
    logger->set_pattern("%l %v");
    spdlog::set_default_logger(logger);
  }
  ~CapturedLog() { spdlog::set_default_logger(previous_); }
  CapturedLog(const CapturedLog&) = delete;
  CapturedLog& operator=(const CapturedLog&) = delete;

  // The captured lines so far, and none after.
  std::string take() {
    std::string text = lines_.str();
    lines_.str("");
    return text;
  }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::ostringstream lines_;
};

// A job with a new period at every look, whose work after the claim says it worked on `*count` things.
weizhi::modules::Job counting_job(const std::size_t* count) {
  return weizhi::modules::Job{.name = "test.counting",
                              .period_of = [looks = 0](weizhi::TimePoint) mutable { return std::to_string(looks++); },
                              .run = [](weizhi::store::Tx&, const std::string&) {},
                              .after_commit = [count](weizhi::store::Db&, const weizhi::crypto::DataKey&,
                                                      const std::string&) { return *count; }};
}

}  // namespace

class JobLogTest : public ApiTest {};

TEST_F(JobLogTest, ARunThatWorkedOnNothingIsADebugLineAndOneThatWorkedAnInfoLine) {
  CapturedLog log;
  std::size_t count = 0;
  weizhi::app::JobRunner runner(db(), data_key(), {counting_job(&count)}, std::chrono::seconds(60));
  ASSERT_EQ(runner.run_due().size(), 1u);
  spdlog::default_logger()->flush();
  std::string idle = log.take();
  EXPECT_NE(idle.find("debug \"event\":\"job_ran\",\"job\":\"test.counting\""), std::string::npos) << idle;
  EXPECT_EQ(idle.find("info "), std::string::npos) << idle;

  count = 3;
  ASSERT_EQ(runner.run_due().size(), 1u);
  spdlog::default_logger()->flush();
  std::string busy = log.take();
  EXPECT_NE(busy.find("info \"event\":\"job_ran\",\"job\":\"test.counting\""), std::string::npos) << busy;
  EXPECT_NE(busy.find("\"worked_on\":3"), std::string::npos) << busy;
}

TEST_F(JobLogTest, TheGatesSyncWithNoTerminalDueIsADebugLine) {
  CapturedLog log;
  ASSERT_TRUE(run_job("access.devices.sync", clock_));
  spdlog::default_logger()->flush();
  std::string lines = log.take();
  EXPECT_NE(lines.find("debug \"event\":\"job_ran\",\"job\":\"access.devices.sync\""), std::string::npos) << lines;
  EXPECT_EQ(lines.find("info \"event\":\"job_ran\""), std::string::npos) << lines;
}

TEST_F(JobLogTest, AJobThatDoesNotSayWhatItDidIsAnInfoLine) {
  CapturedLog log;
  ASSERT_TRUE(run_job("access.events.pull", clock_));
  spdlog::default_logger()->flush();
  std::string lines = log.take();
  EXPECT_NE(lines.find("info \"event\":\"job_ran\",\"job\":\"access.events.pull\""), std::string::npos) << lines;
}
