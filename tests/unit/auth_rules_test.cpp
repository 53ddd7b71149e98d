// Account rules, scope containment and login throttling.
#include <gtest/gtest.h>

#include "auth/accounts.hpp"
#include "auth/permissions.hpp"
#include "auth/sessions.hpp"

using namespace weizhi;
using namespace std::chrono_literals;

TEST(LoginRules, LowerCaseLettersDigitsAndPunctuationAreAccepted) {
  EXPECT_FALSE(auth::login_problem("wang.fang_2-x"));
}
TEST(LoginRules, UpperCaseSpacesAndChineseAreRefused) {
  EXPECT_TRUE(auth::login_problem("WangFang"));
  EXPECT_TRUE(auth::login_problem("wang fang"));
  EXPECT_TRUE(auth::login_problem("王芳"));
}
TEST(LoginRules, LengthIsTwoToThirtyTwo) {
  EXPECT_TRUE(auth::login_problem("a"));
  EXPECT_FALSE(auth::login_problem("ab"));
  EXPECT_TRUE(auth::login_problem(std::string(33, 'a')));
}
TEST(PasswordRules, AtLeastEightCharacters) {
  EXPECT_TRUE(auth::password_problem("wang", "1234567", {}));
  EXPECT_FALSE(auth::password_problem("wang", "12345678", {}));
}
TEST(PasswordRules, OnlyWhiteSpaceIsRefused) {
  EXPECT_EQ(auth::password_problem("wang", "        ", {}), "密码不能只由空格等空白字符组成");
  EXPECT_TRUE(auth::password_problem("wang", " \t \n \t  ", {}));
  EXPECT_TRUE(auth::password_problem("wang", "\u3000\u3000\u3000\u00a0  ", {}));
  EXPECT_FALSE(auth::password_problem("wang", "   x    ", {}));
}
TEST(PasswordRules, TheLoginInAnyCaseIsRefused) {
  EXPECT_EQ(auth::password_problem("wang.fang", "wang.fang", {}), "密码不能包含登录名");
  EXPECT_TRUE(auth::password_problem("wang.fang", "My-WANG.Fang-1", {}));
  EXPECT_FALSE(auth::password_problem("wang.fang", "fang.wang-1", {}));
}
TEST(PasswordRules, CommonPasswordsInAnyCaseAreRefused) {
  const auth::CommonPasswords common({"password", "iloveyou1"});
  EXPECT_EQ(auth::password_problem("wang", "PassWord", common), "密码太常见，在常用密码列表中，容易被猜中，请换一个");
  EXPECT_TRUE(auth::password_problem("wang", "iloveyou1", common));
  EXPECT_FALSE(auth::password_problem("wang", "password-of-mine", common));
}
TEST(PasswordRules, TheListIsReadFromCracklibsFile) {
  auto common = auth::load_common_passwords("/usr/share/dict/cracklib-small");
  ASSERT_GE(common.size(), 50000u) << "cracklib-runtime is not installed";
  EXPECT_TRUE(common.contains("PASSWORD"));
  EXPECT_TRUE(auth::password_problem("wang", "Baseball", common));
  // The demo accounts' password stays allowed.
  EXPECT_FALSE(auth::password_problem("admin", "weizhi-demo", common));
}
TEST(PasswordRules, AMissingListIsEmptyAndDoesNotStopAnything) {
  EXPECT_EQ(auth::load_common_passwords("/nonexistent/common-passwords").size(), 0u);
}

TEST(Scopes, ANodeIsWithinItsOwnScopeAndItsAncestors) {
  EXPECT_TRUE(auth::path_within("/1/4/9/", "/1/4/9/"));
  EXPECT_TRUE(auth::path_within("/1/4/9/", "/1/"));
}
TEST(Scopes, SiblingsAndPrefixLookalikesAreOutside) {
  EXPECT_FALSE(auth::path_within("/1/4/", "/1/5/"));
  EXPECT_FALSE(auth::path_within("/1/40/", "/1/4/"));
  EXPECT_FALSE(auth::path_within("/1/", "/1/4/"));
}
TEST(Roles, TheRolesOfTheDomainAreKnown) {
  EXPECT_TRUE(auth::is_role_code("commissioner"));
  EXPECT_TRUE(auth::is_role_code("gate_device"));
  EXPECT_FALSE(auth::is_role_code("admin"));
  EXPECT_EQ(auth::role_codes().size(), 13u);
}

TEST(LoginThrottle, FifthFailureInAMinuteBlocksTheAccount) {
  auth::LoginThrottle throttle(5, 30);
  TimePoint start{};
  for (int i = 0; i < 4; ++i) throttle.record_failure("admin", "10.0.0.1", true, start + std::chrono::seconds(i));
  EXPECT_FALSE(throttle.retry_after("admin", "10.0.0.2", start + 5s));
  throttle.record_failure("admin", "10.0.0.1", true, start + 5s);
  auto wait = throttle.retry_after("admin", "10.0.0.2", start + 6s);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 55);  // the first failure leaves the window at start + 60 s
}
TEST(LoginThrottle, FailuresOlderThanAMinuteAreForgotten) {
  auth::LoginThrottle throttle(5, 30);
  TimePoint start{};
  for (int i = 0; i < 5; ++i) throttle.record_failure("admin", "10.0.0.1", true, start);
  EXPECT_FALSE(throttle.retry_after("admin", "10.0.0.1", start + 61s));
}
TEST(LoginThrottle, OneAddressFailingOnManyAccountsIsBlockedAtTheAddressLimit) {
  auth::LoginThrottle throttle(5, 30);
  TimePoint start{};
  for (int i = 0; i < 29; ++i) throttle.record_failure("user" + std::to_string(i), "10.0.0.9", true, start);
  EXPECT_FALSE(throttle.retry_after("someone-else", "10.0.0.9", start + 1s));
  throttle.record_failure("user29", "10.0.0.9", true, start);
  EXPECT_TRUE(throttle.retry_after("someone-else", "10.0.0.9", start + 1s));
  EXPECT_FALSE(throttle.retry_after("someone-else", "10.0.0.8", start + 1s));
}
TEST(LoginThrottle, FailuresOnLoginsWithoutAnAccountBlockOnlyThatLogin) {
  auth::LoginThrottle throttle(5, 30);
  TimePoint start{};
  for (int i = 0; i < 100; ++i) throttle.record_failure("nobody" + std::to_string(i % 20), "10.0.0.9", false, start);
  EXPECT_FALSE(throttle.retry_after("admin", "10.0.0.9", start + 1s));
  EXPECT_TRUE(throttle.retry_after("nobody3", "10.0.0.8", start + 1s));
}
TEST(LoginThrottle, SuccessClearsTheAccountsFailures) {
  auth::LoginThrottle throttle(5, 30);
  TimePoint start{};
  for (int i = 0; i < 5; ++i) throttle.record_failure("admin", "10.0.0." + std::to_string(i), true, start);
  throttle.clear("admin");
  EXPECT_FALSE(throttle.retry_after("admin", "10.0.0.99", start + 1s));
}
TEST(PasswordResetScopes, EveryCurrentRolesScopeMustBeManaged) {
  std::vector<auth::RoleGrant> roles{{1, "grid_member", 4, "/1/4/", "德胜社区", "community"},
                                     {2, "grid_member", 9, "/1/9/", "翠苑社区", "community"}};
  EXPECT_EQ(auth::password_reset_scopes(roles, 1), (std::vector<std::int64_t>{4, 9}));
}
TEST(PasswordResetScopes, AnAccountWithoutRolesIsTheStreets) {
  EXPECT_EQ(auth::password_reset_scopes({}, 1), (std::vector<std::int64_t>{1}));
}
