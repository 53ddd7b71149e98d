// The session-length settings as the environment gives them, and the limits a resident's and a staff
// session are opened with.
#include <gtest/gtest.h>

#include <cstdlib>
#include <stdexcept>

#include "app/config.hpp"
#include "auth/sessions.hpp"

using namespace weizhi;

namespace {

// Loads the settings with WEIZHI_RESIDENT_SESSION_DAYS set to `days` (no config file), then unsets it.
Settings with_resident_days(const char* days) {
  ::setenv("WEIZHI_RESIDENT_SESSION_DAYS", days, 1);
  try {
    Settings settings = app::load_settings(std::nullopt);
    ::unsetenv("WEIZHI_RESIDENT_SESSION_DAYS");
    return settings;
  } catch (...) {
    ::unsetenv("WEIZHI_RESIDENT_SESSION_DAYS");
    throw;
  }
}

}  // namespace

TEST(SessionSettings, ResidentDaysComeFromTheEnvironmentWithinOneTo365) {
  EXPECT_EQ(Settings{}.resident_session_days, 30);
  EXPECT_EQ(with_resident_days("45").resident_session_days, 45);
  EXPECT_EQ(with_resident_days("365").resident_session_days, 365);
  EXPECT_THROW(with_resident_days("0"), std::runtime_error);
  EXPECT_THROW(with_resident_days("366"), std::runtime_error);
  EXPECT_THROW(with_resident_days("thirty"), std::runtime_error);
}

TEST(SessionSettings, AResidentsSessionIdlesForItsDaysWithinTheCapAndStaffKeepTheirHours) {
  Settings settings;
  auth::SessionLimits resident = auth::resident_session_limits(settings);
  EXPECT_EQ(resident.idle, std::chrono::days(30));
  EXPECT_EQ(resident.absolute, std::chrono::days(180));
  settings.resident_session_days = 365;
  EXPECT_EQ(auth::resident_session_limits(settings).absolute, std::chrono::days(365)) << "never shorter than idle";
  auth::SessionLimits staff = auth::staff_session_limits(settings);
  EXPECT_EQ(staff.idle, std::chrono::minutes(120));
  EXPECT_EQ(staff.absolute, std::chrono::hours(24));
}
