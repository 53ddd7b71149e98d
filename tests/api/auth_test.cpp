// Sign-in, sign-out, the current user, CSRF, throttling, API tokens and account management.
#include <algorithm>
#include <functional>

#include "audit/audit.hpp"
#include "auth/sessions.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;
using weizhi::testing::Reply;

class AuthTest : public ApiTest {
 protected:
  // Starts the server again with changed settings, over the same database.
  void restart(const std::function<void(weizhi::Settings&)>& change) {
    application_.reset();
    change(settings_);
    application_ = std::make_unique<weizhi::app::Application>(settings_, clock_);
    application_->start();
  }

  // A sign-in carrying an X-Forwarded-For header, as a proxy in front would pass it on.
  long sign_in_via(const std::string& forwarded_for, const std::string& login, const std::string& password) {
    return anonymous()
        ->send("POST", "/api/v1/session", json{{"login", login}, {"password", password}}.dump(),
               {"X-Forwarded-For: " + forwarded_for})
        .status;
  }

  // The client address the last sign-in was recorded from.
  std::string last_sign_in_client() {
    auto row = db().read()->query_one(
        "SELECT summary FROM audit_log WHERE action = 'session.create' ORDER BY seq DESC LIMIT 1");
    return row ? json::parse(row->text(0)).value("client", "") : "";
  }

  // Failed sign-ins on existing accounts, at most four per account, so that no account is blocked.
  void fail_on_existing_accounts(int failures, const std::function<std::string(int)>& forwarded_for) {
    const char* accounts[] = {"secretary", "director", "party", "grid", "committee", "supervisor", "property"};
    for (int i = 0; i < failures; ++i) {
      EXPECT_EQ(sign_in_via(forwarded_for(i), accounts[i / 4], "wrong-password"), 401) << i;
    }
  }
};

TEST_F(AuthTest, SignInReturnsUserCsrfTokenAndHttpOnlyCookie) {
  auto client = anonymous();
  auto reply = client->login("admin", "weizhi-demo");
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto body = reply.json();
  EXPECT_EQ(body["user"]["login"], "admin");
  EXPECT_EQ(body["user"]["roles"][0]["role"], "street_admin");
  EXPECT_FALSE(body["csrf_token"].get<std::string>().empty());
  const std::string& cookie = reply.headers["set-cookie"];
  EXPECT_NE(cookie.find("weizhi_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain HTTP without --behind-tls-proxy";
}

TEST_F(AuthTest, WrongPasswordIsRefusedWith401) {
  auto reply = anonymous()->login("admin", "wrong-password");
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.error_code(), "invalid_credentials");
  EXPECT_EQ(reply.headers.count("set-cookie"), 0u);
}

TEST_F(AuthTest, UnknownLoginIsRefusedLikeAWrongPassword) {
  auto reply = anonymous()->login("nobody", "weizhi-demo");
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.error_code(), "invalid_credentials");
}

TEST_F(AuthTest, SignInWithoutPasswordNamesTheField) {
  auto reply = anonymous()->post("/api/v1/session", json{{"login", "admin"}});
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_field(), "password");
}

TEST_F(AuthTest, MeWithoutSessionIs401) {
  auto reply = anonymous()->get("/api/v1/me");
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.error_code(), "unauthorized");
}

TEST_F(AuthTest, MeShowsRolesWithTheirScopes) {
  auto client = signed_in("commissioner");
  auto reply = client->get("/api/v1/me");
  ASSERT_EQ(reply.status, 200);
  auto me = reply.json();
  EXPECT_EQ(me["login"], "commissioner");
  EXPECT_EQ(me["roles"][0]["role"], "commissioner");
  EXPECT_EQ(me["roles"][0]["scope_node_id"], node("desheng-xincun"));
  EXPECT_EQ(me["roles"][0]["scope_name"], "德胜新村");
}

// The apps show only what a user may do from these lists, so they must be exactly the grants of the
// user's roles in role_permissions, per node the roles are held in.
TEST_F(AuthTest, MeAndSignInListThePermissionsOfEachScopeAsGrantedToItsRoles) {
  auto granted_to = [&](const std::string& role) {
    std::vector<std::string> permissions;
    for (const auto& row :
         db().read()->query("SELECT permission FROM role_permissions WHERE role = ? ORDER BY permission", {role})) {
      permissions.push_back(row.text(0));
    }
    return permissions;
  };
  auto me = signed_in("commissioner")->get("/api/v1/me").json();
  ASSERT_EQ(me["permissions"].size(), 1u) << me.dump();
  EXPECT_EQ(me["permissions"][0]["scope_node_id"], node("desheng-xincun"));
  auto permissions = me["permissions"][0]["permissions"].get<std::vector<std::string>>();
  EXPECT_EQ(permissions, granted_to("commissioner"));
  EXPECT_NE(std::find(permissions.begin(), permissions.end(), "cases.assign"), permissions.end());
  EXPECT_EQ(std::find(permissions.begin(), permissions.end(), "users.manage"), permissions.end());

  auto signed_in_admin = anonymous()->login("admin", "weizhi-demo").json();
  ASSERT_EQ(signed_in_admin["user"]["permissions"].size(), 1u);
  EXPECT_EQ(signed_in_admin["user"]["permissions"][0]["permissions"].get<std::vector<std::string>>(),
            granted_to("street_admin"));
}

TEST_F(AuthTest, SignOutEndsTheSession) {
  auto client = signed_in("admin");
  EXPECT_EQ(client->del("/api/v1/session").status, 204);
  EXPECT_EQ(client->get("/api/v1/me").status, 401);
}

TEST_F(AuthTest, MutationWithoutCsrfHeaderIs403) {
  auto client = signed_in("admin");
  client->forget_csrf();
  auto reply = client->post("/api/v1/org/nodes",
                            json{{"parent_id", node("desheng-xincun")}, {"kind", "building"}, {"name", "1幢"}});
  EXPECT_EQ(reply.status, 403);
  EXPECT_EQ(reply.error_code(), "csrf_failed");
}

TEST_F(AuthTest, MutationWithWrongCsrfHeaderIs403) {
  auto client = signed_in("admin");
  client->set_csrf("not-the-token");
  EXPECT_EQ(client->del("/api/v1/session").status, 403);
  client->forget_csrf();
}

TEST_F(AuthTest, FiveFailuresInAMinuteThrottleTheAccountWith429AndRetryAfter) {
  auto client = anonymous();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(client->login("admin", "wrong-password").status, 401);
  auto reply = client->login("admin", "weizhi-demo");
  EXPECT_EQ(reply.status, 429);
  EXPECT_EQ(reply.error_code(), "too_many_requests");
  ASSERT_TRUE(reply.headers.count("retry-after"));
  int wait = std::stoi(reply.headers["retry-after"]);
  EXPECT_GE(wait, 1);
  EXPECT_LE(wait, 61);
}

TEST_F(AuthTest, FailuresOnUnknownLoginsFromOneAddressDoNotLockOutAnotherAccount) {
  restart([](weizhi::Settings& s) { s.login_failures_per_address_per_minute = 8; });
  auto client = anonymous();
  for (int i = 0; i < 12; ++i) EXPECT_EQ(client->login("nobody-" + std::to_string(i), "wrong-password").status, 401);
  EXPECT_EQ(client->login("admin", "weizhi-demo").status, 200);
}

TEST_F(AuthTest, ManyFailuresOnExistingAccountsFromOneAddressThrottleThatAddress) {
  restart([](weizhi::Settings& s) { s.login_failures_per_address_per_minute = 8; });
  auto client = anonymous();
  fail_on_existing_accounts(8, [](int) { return "203.0.113.7"; });
  auto reply = client->login("admin", "weizhi-demo");
  EXPECT_EQ(reply.status, 429) << reply.body;
  EXPECT_TRUE(reply.headers.count("retry-after"));
}

TEST_F(AuthTest, BehindTheProxyTheClientIsTheLastHopOfXForwardedFor) {
  restart([](weizhi::Settings& s) { s.behind_tls_proxy = true; });
  ASSERT_EQ(sign_in_via("10.9.8.7, 198.51.100.23", "admin", "weizhi-demo"), 200);
  EXPECT_EQ(last_sign_in_client(), "198.51.100.23");
  ASSERT_EQ(sign_in_via("2001:db8::5", "admin", "weizhi-demo"), 200);
  EXPECT_EQ(last_sign_in_client(), "2001:db8::5");
  ASSERT_EQ(sign_in_via("not-an-address", "admin", "weizhi-demo"), 200);
  EXPECT_EQ(last_sign_in_client(), "127.0.0.1") << "an unusable hop falls back to the socket's address";
}

TEST_F(AuthTest, BehindTheProxyEachLastHopIsThrottledAloneAndTheForgeableFirstHopIsIgnored) {
  restart([](weizhi::Settings& s) {
    s.behind_tls_proxy = true;
    s.login_failures_per_address_per_minute = 8;
  });
  // The attacker changes the hop it writes itself on every try; the proxy's hop stays the same.
  fail_on_existing_accounts(8, [](int i) { return "192.0.2." + std::to_string(i) + ", 203.0.113.7"; });
  EXPECT_EQ(sign_in_via("192.0.2.200, 203.0.113.7", "admin", "weizhi-demo"), 429);
  // Another client behind the same proxy, even one forging the attacker's address first, signs in.
  EXPECT_EQ(sign_in_via("203.0.113.8", "admin", "weizhi-demo"), 200);
  EXPECT_EQ(sign_in_via("203.0.113.7, 203.0.113.9", "admin", "weizhi-demo"), 200);
}

TEST_F(AuthTest, WithoutTheProxySettingXForwardedForIsIgnored) {
  restart([](weizhi::Settings& s) { s.login_failures_per_address_per_minute = 8; });
  ASSERT_EQ(sign_in_via("198.51.100.23", "admin", "weizhi-demo"), 200);
  EXPECT_EQ(last_sign_in_client(), "127.0.0.1");
  // Failures claiming other addresses all count against the socket's.
  fail_on_existing_accounts(8, [](int i) { return "192.0.2." + std::to_string(i); });
  EXPECT_EQ(sign_in_via("198.51.100.24", "admin", "weizhi-demo"), 429);
}

TEST_F(AuthTest, ExpiredIdleSessionIsRefused) {
  auto client = signed_in("admin");
  {
    auto lease = db().read();
    lease->exec("UPDATE sessions SET last_seen_at = '2000-01-01T00:00:00.000Z'");
  }
  EXPECT_EQ(client->get("/api/v1/me").status, 401);
}

TEST_F(AuthTest, SessionPastItsAbsoluteLifetimeIsRefused) {
  auto client = signed_in("admin");
  {
    auto lease = db().read();
    lease->exec("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'");
  }
  EXPECT_EQ(client->get("/api/v1/me").status, 401);
}

TEST_F(AuthTest, OnlyTheTokenDigestIsStored) {
  auto client = anonymous();
  auto reply = client->login("admin", "weizhi-demo");
  std::string cookie = reply.headers["set-cookie"];
  std::string token = cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
  auto lease = db().read();
  EXPECT_FALSE(lease->query_one("SELECT id FROM sessions WHERE token_digest = ?", {token}).has_value());
  EXPECT_TRUE(lease->query_one("SELECT id FROM sessions WHERE token_digest = ?", {weizhi::crypto::token_digest(token)})
                  .has_value());
}

TEST_F(AuthTest, BearerTokenAuthenticatesWithoutCsrf) {
  std::string token;
  db().transaction([&](weizhi::store::Tx& tx) {
    auto id = tx.scalar("SELECT id FROM users WHERE login = 'admin'");
    token = weizhi::auth::create_api_token(tx, id, "bench");
  });
  auto client = anonymous();
  client->set_bearer(token);
  EXPECT_EQ(client->get("/api/v1/me").json()["login"], "admin");
  auto created = client->post("/api/v1/org/nodes",
                              json{{"parent_id", node("desheng-xincun")}, {"kind", "building"}, {"name", "2幢"}});
  EXPECT_EQ(created.status, 201) << created.body;
  client->set_bearer("wzt_forged");
  EXPECT_EQ(client->get("/api/v1/me").status, 401);
}

TEST_F(AuthTest, StreetAdminCreatesAUserWhoCanSignIn) {
  auto admin = signed_in("admin");
  auto reply =
      admin->post("/api/v1/users", json{{"login", "wang.fang"},
                                        {"display_name", "王芳"},
                                        {"password", "a-long-password"},
                                        {"roles", {{{"role", "grid_member"}, {"scope_node_id", node("desheng")}}}}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.json()["roles"][0]["role"], "grid_member");
  auto wang = anonymous();
  EXPECT_EQ(wang->login("wang.fang", "a-long-password").status, 200);
  auto lease = db().read();
  EXPECT_TRUE(lease->query_one("SELECT seq FROM audit_log WHERE action = 'user.create' AND actor = 'admin'"));
}

TEST_F(AuthTest, DuplicateLoginIs409AndNothingIsWritten) {
  auto admin = signed_in("admin");
  auto before = db().read()->scalar("SELECT COUNT(*) FROM users");
  auto reply = admin->post("/api/v1/users",
                           json{{"login", "commissioner"}, {"display_name", "重复"}, {"password", "a-long-password"}});
  EXPECT_EQ(reply.status, 409);
  EXPECT_EQ(reply.error_field(), "login");
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM users"), before);
}

TEST_F(AuthTest, UnknownRoleIsRefusedNamingTheField) {
  auto admin = signed_in("admin");
  auto reply = admin->post("/api/v1/users", json{{"login", "x1"},
                                                 {"display_name", "某人"},
                                                 {"password", "a-long-password"},
                                                 {"roles", {{{"role", "king"}, {"scope_node_id", node("desheng")}}}}});
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_field(), "roles[0].role");
}

TEST_F(AuthTest, ShortPasswordIsRefused) {
  auto admin = signed_in("admin");
  auto reply = admin->post("/api/v1/users", json{{"login", "x2"}, {"display_name", "某人"}, {"password", "short"}});
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_field(), "password");
}

TEST_F(AuthTest, CommonWhiteSpaceOrLoginContainingPasswordsAreRefusedNamingTheRuleAndNothingIsWritten) {
  auto admin = signed_in("admin");
  auto count = [&] { return db().read()->scalar("SELECT COUNT(*) FROM users"); };
  std::int64_t before = count();
  const std::pair<const char*, const char*> refused[] = {
      {"Baseball", "密码太常见"}, {"          ", "空白字符"}, {"zhao.lei-2024", "登录名"}, {"ZHAO.LEI", "登录名"}};
  for (const auto& [password, rule] : refused) {
    auto reply =
        admin->post("/api/v1/users", json{{"login", "zhao.lei"}, {"display_name", "赵磊"}, {"password", password}});
    EXPECT_EQ(reply.status, 400) << password << ": " << reply.body;
    EXPECT_EQ(reply.error_field(), "password") << password;
    EXPECT_NE(reply.json()["error"]["message"].get<std::string>().find(rule), std::string::npos) << reply.body;
  }
  EXPECT_EQ(count(), before);
  auto accepted =
      admin->post("/api/v1/users", json{{"login", "zhao.lei"}, {"display_name", "赵磊"}, {"password", "weizhi-demo"}});
  EXPECT_EQ(accepted.status, 201) << accepted.body;
}

TEST_F(AuthTest, CommissionerMayNotManageUsers) {
  auto client = signed_in("commissioner");
  EXPECT_EQ(client->get("/api/v1/users").status, 403);
  auto reply =
      client->post("/api/v1/users", json{{"login", "x3"}, {"display_name", "某人"}, {"password", "a-long-password"}});
  EXPECT_EQ(reply.status, 403);
}

TEST_F(AuthTest, EndingARoleRemovesItsPermissions) {
  auto admin = signed_in("admin");
  auto me = signed_in("secretary")->get("/api/v1/me").json();
  std::int64_t user_id = me["id"];
  std::int64_t assignment = me["roles"][0]["id"];
  EXPECT_EQ(admin->del("/api/v1/users/" + std::to_string(user_id) + "/roles/" + std::to_string(assignment)).status,
            204);
  auto secretary = signed_in("secretary");
  EXPECT_EQ(secretary->get("/api/v1/org/nodes/" + std::to_string(node("desheng"))).status, 403);
  EXPECT_EQ(admin->del("/api/v1/users/" + std::to_string(user_id) + "/roles/999999").status, 404);
}

TEST_F(AuthTest, SignInIsAudited) {
  signed_in("supervisor");
  auto lease = db().read();
  auto row = lease->query_one("SELECT actor FROM audit_log WHERE action = 'session.create' ORDER BY seq DESC LIMIT 1");
  ASSERT_TRUE(row);
  EXPECT_EQ(row->text(0), "supervisor");
  EXPECT_TRUE(weizhi::audit::verify(*lease).intact);
}

class PasswordTest : public AuthTest {
 protected:
  Reply change(HttpClient& client, const std::string& current, const std::string& wanted) {
    return client.post("/api/v1/me/password", json{{"current_password", current}, {"new_password", wanted}});
  }
  Reply reset(HttpClient& client, const std::string& login, const std::string& wanted) {
    return client.post("/api/v1/users/" + std::to_string(user_id(login)) + "/password", json{{"new_password", wanted}});
  }
  std::int64_t user_id(const std::string& login) {
    return db().read()->scalar("SELECT id FROM users WHERE login = ?", {login});
  }
  long sign_in(const std::string& login, const std::string& password) {
    return anonymous()->login(login, password).status;
  }
  std::int64_t audited(const std::string& action) {
    return db().read()->scalar("SELECT COUNT(*) FROM audit_log WHERE action = ?", {action});
  }
  // A street administrator whose role holds in one community only.
  std::unique_ptr<HttpClient> community_manager() {
    auto reply = signed_in("admin")->post(
        "/api/v1/users", json{{"login", "desheng.manager"},
                              {"display_name", "德胜社区账号管理员"},
                              {"password", "a-long-password"},
                              {"roles", {{{"role", "street_admin"}, {"scope_node_id", node("desheng")}}}}});
    EXPECT_EQ(reply.status, 201) << reply.body;
    auto client = anonymous();
    EXPECT_EQ(client->login("desheng.manager", "a-long-password").status, 200);
    return client;
  }
};

TEST_F(PasswordTest, AWrongCurrentPasswordIsRefusedNamingItAndCountsAsAFailedSignIn) {
  auto secretary = signed_in("secretary");
  auto reply = change(*secretary, "not-my-password", "a-new-long-secret");
  EXPECT_EQ(reply.status, 403) << reply.body;
  EXPECT_EQ(reply.error_field(), "current_password");
  EXPECT_EQ(sign_in("secretary", "a-new-long-secret"), 401);
  EXPECT_EQ(sign_in("secretary", "weizhi-demo"), 200) << "the old password still holds";
  // The successful sign-in above cleared the count: five guesses through the open session, then
  // neither the session nor the sign-in form may try again for a while.
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(change(*secretary, "guess-" + std::to_string(i), "a-new-long-secret").status, 403);
  auto throttled = change(*secretary, "weizhi-demo", "a-new-long-secret");
  EXPECT_EQ(throttled.status, 429) << throttled.body;
  EXPECT_TRUE(throttled.headers.count("retry-after"));
  EXPECT_EQ(sign_in("secretary", "weizhi-demo"), 429);
  EXPECT_EQ(audited("user.password.change"), 0);
}

TEST_F(PasswordTest, AWeakNewPasswordIsRefusedNamingTheRuleAndNothingChanges) {
  auto secretary = signed_in("secretary");
  const std::pair<const char*, const char*> refused[] = {{"Baseball", "密码太常见"},
                                                         {"          ", "空白字符"},
                                                         {"my-Secretary-2024", "登录名"},
                                                         {"short", "至少 8 个字符"},
                                                         {"weizhi-demo", "不能与当前密码相同"}};
  for (const auto& [password, rule] : refused) {
    auto reply = change(*secretary, "weizhi-demo", password);
    EXPECT_EQ(reply.status, 400) << password << ": " << reply.body;
    EXPECT_EQ(reply.error_field(), "new_password") << password;
    EXPECT_NE(reply.json()["error"]["message"].get<std::string>().find(rule), std::string::npos) << reply.body;
  }
  EXPECT_EQ(sign_in("secretary", "weizhi-demo"), 200);
  EXPECT_EQ(secretary->get("/api/v1/me").status, 200);
  EXPECT_EQ(audited("user.password.change"), 0);
}

TEST_F(PasswordTest, ChangingOnesPasswordEndsTheOtherSessionsAndKeepsThisOne) {
  auto here = signed_in("secretary");
  auto elsewhere = signed_in("secretary");
  auto other_account = signed_in("director");
  auto reply = change(*here, "weizhi-demo", "a-new-long-secret");
  ASSERT_EQ(reply.status, 204) << reply.body;
  EXPECT_EQ(here->get("/api/v1/me").status, 200);
  EXPECT_EQ(elsewhere->get("/api/v1/me").status, 401);
  EXPECT_EQ(other_account->get("/api/v1/me").status, 200);
  EXPECT_EQ(sign_in("secretary", "weizhi-demo"), 401);
  EXPECT_EQ(sign_in("secretary", "a-new-long-secret"), 200);
  auto lease = db().read();
  auto row = lease->query_one("SELECT actor, entity, summary FROM audit_log WHERE action = 'user.password.change'");
  ASSERT_TRUE(row);
  EXPECT_EQ(row->text(0), "secretary");
  EXPECT_EQ(row->text(1), "user:" + std::to_string(user_id("secretary")));
  EXPECT_EQ(row->text(2).find("secret"), std::string::npos) << row->text(2);
  EXPECT_EQ(row->text(2).find("$argon2"), std::string::npos) << row->text(2);
}

TEST_F(PasswordTest, AnApiTokenCannotChangeThePassword) {
  std::string token;
  db().transaction(
      [&](weizhi::store::Tx& tx) { token = weizhi::auth::create_api_token(tx, user_id("secretary"), "script"); });
  auto client = anonymous();
  client->set_bearer(token);
  EXPECT_EQ(change(*client, "weizhi-demo", "a-new-long-secret").status, 403);
  EXPECT_EQ(sign_in("secretary", "weizhi-demo"), 200);
}

TEST_F(PasswordTest, AnAdministratorsResetEndsEverySessionOfTheAccount) {
  auto secretary = signed_in("secretary");
  auto admin = signed_in("admin");
  auto weak = reset(*admin, "secretary", "Secretary-2024");
  EXPECT_EQ(weak.status, 400) << "the rule holds against the account's login, not the administrator's";
  EXPECT_EQ(weak.error_field(), "new_password");
  EXPECT_EQ(secretary->get("/api/v1/me").status, 200);
  auto reply = reset(*admin, "secretary", "a-new-long-secret");
  ASSERT_EQ(reply.status, 204) << reply.body;
  EXPECT_EQ(secretary->get("/api/v1/me").status, 401);
  EXPECT_EQ(admin->get("/api/v1/me").status, 200);
  EXPECT_EQ(sign_in("secretary", "weizhi-demo"), 401);
  EXPECT_EQ(sign_in("secretary", "a-new-long-secret"), 200);
  auto row = db().read()->query_one("SELECT actor, entity FROM audit_log WHERE action = 'user.password.reset'");
  ASSERT_TRUE(row);
  EXPECT_EQ(row->text(0), "admin");
  EXPECT_EQ(row->text(1), "user:" + std::to_string(user_id("secretary")));
}

TEST_F(PasswordTest, AResetNeedsUsersManageAndAnExistingAccount) {
  auto secretary = signed_in("secretary");
  EXPECT_EQ(reset(*secretary, "commissioner", "a-new-long-secret").status, 403);
  EXPECT_EQ(reset(*secretary, "secretary", "a-new-long-secret").status, 403)
      << "not even one's own, without the current password";
  EXPECT_EQ(sign_in("commissioner", "weizhi-demo"), 200);
  auto admin = signed_in("admin");
  for (const char* id : {"999999", "0", "-1", "abc", "1e3", "%2e%2e"}) {
    auto reply =
        admin->post("/api/v1/users/" + std::string(id) + "/password", json{{"new_password", "a-new-long-secret"}});
    EXPECT_EQ(reply.status, 404) << id << ": " << reply.body;
  }
  EXPECT_EQ(audited("user.password.reset"), 0);
}

TEST_F(PasswordTest, WithoutSigningInOrWithABadBodyNothingChanges) {
  auto stranger = anonymous();
  EXPECT_EQ(change(*stranger, "weizhi-demo", "a-new-long-secret").status, 401);
  EXPECT_EQ(reset(*stranger, "secretary", "a-new-long-secret").status, 401);
  auto secretary = signed_in("secretary");
  auto missing = secretary->post("/api/v1/me/password", json{{"current_password", "weizhi-demo"}});
  EXPECT_EQ(missing.status, 400) << missing.body;
  EXPECT_EQ(missing.error_field(), "new_password");
  auto mistyped =
      secretary->post("/api/v1/me/password", json{{"current_password", "weizhi-demo"}, {"new_password", 12345678}});
  EXPECT_EQ(mistyped.status, 400) << mistyped.body;
  EXPECT_EQ(mistyped.error_field(), "new_password");
  EXPECT_EQ(secretary->send("POST", "/api/v1/me/password", "{not json").status, 400);
  auto admin = signed_in("admin");
  auto empty = admin->post("/api/v1/users/" + std::to_string(user_id("secretary")) + "/password", json::object());
  EXPECT_EQ(empty.status, 400) << empty.body;
  EXPECT_EQ(empty.error_field(), "new_password");
  EXPECT_EQ(sign_in("secretary", "weizhi-demo"), 200);
  EXPECT_EQ(audited("user.password.change") + audited("user.password.reset"), 0);
}

TEST_F(PasswordTest, AScopedManagerResetsOnlyAccountsThatWorkNowhereElse) {
  auto manager = community_manager();
  auto admin = signed_in("admin");
  auto two_places = admin->post("/api/v1/users", json{{"login", "two.places"},
                                                      {"display_name", "两处网格员"},
                                                      {"password", "a-long-password"},
                                                      {"roles",
                                                       {{{"role", "grid_member"}, {"scope_node_id", node("desheng")}},
                                                        {{"role", "grid_member"}, {"scope_node_id", node("cuiyu")}}}}});
  ASSERT_EQ(two_places.status, 201) << two_places.body;
  auto no_role = admin->post("/api/v1/users",
                             json{{"login", "no.role"}, {"display_name", "无角色"}, {"password", "a-long-password"}});
  ASSERT_EQ(no_role.status, 201) << no_role.body;
  EXPECT_EQ(reset(*manager, "admin", "a-new-long-secret").status, 403) << "a street-wide account";
  EXPECT_EQ(reset(*manager, "two.places", "a-new-long-secret").status, 403) << "also works in another community";
  EXPECT_EQ(reset(*manager, "no.role", "a-new-long-secret").status, 403) << "an account of no scope is the street's";
  EXPECT_EQ(sign_in("admin", "weizhi-demo"), 200);
  EXPECT_EQ(sign_in("two.places", "a-long-password"), 200);
  EXPECT_EQ(sign_in("no.role", "a-long-password"), 200);
  EXPECT_EQ(reset(*manager, "secretary", "a-new-long-secret").status, 204);
  EXPECT_EQ(sign_in("secretary", "a-new-long-secret"), 200);
  EXPECT_EQ(reset(*admin, "two.places", "another-long-secret").status, 204);
  EXPECT_EQ(sign_in("two.places", "another-long-secret"), 200);
}
