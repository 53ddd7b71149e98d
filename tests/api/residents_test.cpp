// Residents sign in by phone: a code is sent only to a phone of the registry (the answer is the same
// for any phone), the limits per phone and per address, wrong and expired codes, a family sharing a
// phone, the first sign-in making the account with the resident role where the person lives, a later
// one reusing it, a provider that fails, and hostile input.
#include <filesystem>
#include <fstream>
#include <thread>

#include "support/sms_api_test.hpp"

using nlohmann::json;
using weizhi::testing::HttpClient;
using weizhi::testing::ManualClock;
using weizhi::testing::Reply;
using weizhi::testing::SmsApiTest;
namespace people = weizhi::people;

class ResidentsTest : public SmsApiTest {
 protected:
  // A person of 德胜新村 with the phone, linked to a part of each compound named.
  std::int64_t person_with(const std::string& phone, const std::string& name,
                           const std::vector<std::pair<std::string, people::Relation>>& homes) {
    people::PersonInput input;
    input.home_node_id = node("desheng-xincun");
    input.name = name;
    input.phone = phone;
    std::int64_t person = 0;
    db().transaction([&](weizhi::store::Tx& tx) { person = people::create_person(tx, data_key(), input); });
    for (const auto& home : homes) {
      std::int64_t part = first_part_of(home.first);
      db().transaction([&](weizhi::store::Tx& tx) { people::link_part(tx, part, person, home.second, false); });
    }
    return person;
  }

  Reply ask_code(HttpClient& client, const std::string& phone, const std::vector<std::string>& headers = {}) {
    return client.send("POST", "/api/v1/session/sms-code", json{{"phone", phone}}.dump(), headers);
  }
  std::vector<std::string> sms_lines() {
    std::vector<std::string> lines;
    std::ifstream file(sms_log_);
    for (std::string line; std::getline(file, line);) lines.push_back(line);
    return lines;
  }
  Reply sign_in(HttpClient& client, const json& body) { return client.post("/api/v1/session", body); }
  std::vector<std::int64_t> resident_scopes(std::int64_t user) {
    std::vector<std::int64_t> scopes;
    for (const auto& row : db().read()->query("SELECT scope_node_id FROM role_assignments WHERE user_id = ? AND role = "
                                              "'resident' AND valid_to IS NULL ORDER BY scope_node_id",
                                              {user}))
      scopes.push_back(row.i64(0));
    return scopes;
  }
  void advance(std::chrono::minutes minutes) { manual_.advance(minutes); }
};

TEST_F(ResidentsTest, AnyPhoneGetsTheSameAnswerButOnlyARegisteredOneGetsACode) {
  person_with("19900001111", "王小明", {{"desheng-xincun", people::Relation::Owner}});
  auto client = anonymous();
  Reply unknown = ask_code(*client, "19900002222");
  ASSERT_EQ(unknown.status, 202) << unknown.body;
  EXPECT_EQ(unknown.json(), (json{{"resend_after", 60}}));
  EXPECT_TRUE(sms_lines().empty());
  Reply known = ask_code(*client, "199 0000 1111");
  ASSERT_EQ(known.status, 202) << known.body;
  EXPECT_EQ(known.body, unknown.body);
  ASSERT_EQ(sms_lines().size(), 1u);
  EXPECT_EQ(sms_lines()[0].rfind("19900001111\t【微治】", 0), 0u) << sms_lines()[0];
  // Kept only as hashes: neither the phone nor the code appears in the table.
  std::string code = last_code("19900001111");
  EXPECT_EQ(count("SELECT COUNT(*) FROM sms_codes WHERE code_hash IS NULL"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sms_codes WHERE code_hash = ? OR phone_index = ? OR code_hash LIKE ?",
                  {code, "19900001111", "%" + code + "%"}),
            0);
  // Audited as sent, the phone masked; nothing for the unknown phone.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'residents.sms_code.send' AND entity = ?",
                  {"phone:199****1111"}),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'residents.sms_code.send'"), 1);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE summary LIKE '%19900001111%' OR summary LIKE ?", {"%" + code + "%"}),
      0);
}

TEST_F(ResidentsTest, TheFirstSignInMakesTheAccountWithTheResidentRoleWhereThePersonLives) {
  std::int64_t person = person_with("19900003333", "李四",
                                    {{"desheng-xincun", people::Relation::Owner}, {"xi-si", people::Relation::Tenant}});
  auto client = anonymous();
  ASSERT_EQ(ask_code(*client, "19900003333").status, 202);
  Reply signed_in = sign_in(*client, {{"phone", "19900003333"}, {"code", last_code("19900003333")}});
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  EXPECT_FALSE(signed_in.json()["csrf_token"].get<std::string>().empty());
  EXPECT_NE(signed_in.headers["set-cookie"].find("weizhi_session="), std::string::npos);
  std::int64_t user = signed_in.json()["user"]["id"];
  EXPECT_EQ(count("SELECT person_id FROM users WHERE id = ?", {user}), person);
  std::vector<std::int64_t> expected{node("desheng-xincun"), node("xi-si")};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(resident_scopes(user), expected);
  EXPECT_EQ(signed_in.json()["user"]["roles"].size(), 2u);
  // The session works like a password's.
  Reply me = client->get("/api/v1/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json()["id"], user);
  EXPECT_EQ(me.json()["display_name"], "居民 李*");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'residents.sms_code.use' AND entity = ?",
                  {"user:" + std::to_string(user)}),
            1);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'session.create' AND summary LIKE '%\"via\":\"phone\"%'"),
      1);
  // The code served once.
  Reply again = sign_in(*anonymous(), {{"phone", "19900003333"}, {"code", last_code("19900003333")}});
  EXPECT_EQ(again.status, 401) << again.body;
  EXPECT_EQ(again.error_code(), "invalid_code");
}

TEST_F(ResidentsTest, ALaterSignInReusesTheAccountAndMovingOutEndsTheRole) {
  std::int64_t person = person_with("19900004444", "赵六", {{"desheng-xincun", people::Relation::Resident}});
  ASSERT_EQ(ask_code(*anonymous(), "19900004444").status, 202);
  Reply first = sign_in(*anonymous(), {{"phone", "19900004444"}, {"code", last_code("19900004444")}});
  ASSERT_EQ(first.status, 200) << first.body;
  db().transaction([&](weizhi::store::Tx& tx) { tx.exec("DELETE FROM part_links WHERE person_id = ?", {person}); });
  advance(std::chrono::minutes(1));
  ASSERT_EQ(ask_code(*anonymous(), "19900004444").status, 202);
  Reply second = sign_in(*anonymous(), {{"phone", "19900004444"}, {"code", last_code("19900004444")}});
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(second.json()["user"]["id"], first.json()["user"]["id"]);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE person_id = ?", {person}), 1);
  EXPECT_TRUE(resident_scopes(second.json()["user"]["id"]).empty());
}

TEST_F(ResidentsTest, MovingOutEndsTheRoleTheNextDayWhileTheSessionLives) {
  std::int64_t mover = person_with("19900024444", "蒋十四", {{"desheng-xincun", people::Relation::Tenant}});
  person_with("19900025555", "沈十五", {{"xi-si", people::Relation::Owner}});
  auto moving = anonymous();
  ASSERT_EQ(ask_code(*moving, "19900024444").status, 202);
  Reply mover_in = sign_in(*moving, {{"phone", "19900024444"}, {"code", last_code("19900024444")}});
  ASSERT_EQ(mover_in.status, 200) << mover_in.body;
  auto staying = anonymous();
  ASSERT_EQ(ask_code(*staying, "19900025555").status, 202);
  Reply stayer_in = sign_in(*staying, {{"phone", "19900025555"}, {"code", last_code("19900025555")}});
  ASSERT_EQ(stayer_in.status, 200) << stayer_in.body;
  db().transaction([&](weizhi::store::Tx& tx) { tx.exec("DELETE FROM part_links WHERE person_id = ?", {mover}); });

  ManualClock next_day;
  next_day.set(manual_.now() + std::chrono::days(1));
  ASSERT_TRUE(run_job("residents.roles.moving_out", next_day));
  EXPECT_TRUE(resident_scopes(mover_in.json()["user"]["id"]).empty());
  EXPECT_EQ(resident_scopes(stayer_in.json()["user"]["id"]), std::vector<std::int64_t>{node("xi-si")});
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.role.end' AND actor = 'system'"), 1);
  // Still signed in the day after, the one who moved out no longer holds the compound's resident role.
  advance(std::chrono::minutes(24 * 60 + 1));
  Reply me = moving->get("/api/v1/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_TRUE(me.json()["roles"].empty()) << me.body;
}

TEST_F(ResidentsTest, AStaffAccountLinkedToThePersonKeepsItsPassword) {
  std::int64_t person = person_with("19900016666", "卫十三", {{"desheng-xincun", people::Relation::Owner}});
  db().transaction(
      [&](weizhi::store::Tx& tx) { tx.exec("UPDATE users SET person_id = ? WHERE login = 'commissioner'", {person}); });
  ASSERT_EQ(ask_code(*anonymous(), "19900016666").status, 202);
  std::string code = last_code("19900016666");
  Reply refused = sign_in(*anonymous(), {{"phone", "19900016666"}, {"code", code}});
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(refused.error_code(), "password_required");
  EXPECT_EQ(refused.headers.count("set-cookie"), 0u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM role_assignments ra JOIN users u ON u.id = ra.user_id "
                  "WHERE u.login = 'commissioner' AND ra.role = 'resident'"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sms_codes WHERE used_at IS NOT NULL"), 0);
}

TEST_F(ResidentsTest, NoAccountForAPhoneOutsideTheRegistry) {
  auto client = anonymous();
  ASSERT_EQ(ask_code(*client, "19900005555").status, 202);
  std::int64_t users = count("SELECT COUNT(*) FROM users");
  for (const char* code : {"000000", "123456"}) {
    Reply reply = sign_in(*client, {{"phone", "19900005555"}, {"code", code}});
    EXPECT_EQ(reply.status, 401) << reply.body;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM users"), users);
}

TEST_F(ResidentsTest, WrongCodesCountAsTriesAndTheFifthLocksTheCode) {
  person_with("19900006666", "孙七", {{"desheng-xincun", people::Relation::Owner}});
  ASSERT_EQ(ask_code(*anonymous(), "19900006666").status, 202);
  std::string code = last_code("19900006666");
  std::string wrong = code == "111111" ? "222222" : "111111";
  for (int i = 0; i < 5; ++i) {
    Reply reply = sign_in(*anonymous(), {{"phone", "19900006666"}, {"code", wrong}});
    EXPECT_EQ(reply.status, 401) << reply.body;
    EXPECT_EQ(reply.error_field(), "code");
  }
  EXPECT_EQ(count("SELECT failures FROM sms_codes WHERE code_hash IS NOT NULL"), 5);
  Reply right = sign_in(*anonymous(), {{"phone", "19900006666"}, {"code", code}});
  EXPECT_EQ(right.status, 401) << right.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE login LIKE 'resident:%'"), 0);
}

TEST_F(ResidentsTest, ACodeExpiresAfterFiveMinutes) {
  person_with("19900007777", "周八", {{"desheng-xincun", people::Relation::Owner}});
  ASSERT_EQ(ask_code(*anonymous(), "19900007777").status, 202);
  std::string code = last_code("19900007777");
  advance(std::chrono::minutes(5));
  Reply late = sign_in(*anonymous(), {{"phone", "19900007777"}, {"code", code}});
  EXPECT_EQ(late.status, 401) << late.body;
  // A new code replaces it.
  ASSERT_EQ(ask_code(*anonymous(), "19900007777").status, 202);
  Reply fresh = sign_in(*anonymous(), {{"phone", "19900007777"}, {"code", last_code("19900007777")}});
  EXPECT_EQ(fresh.status, 200) << fresh.body;
}

TEST_F(ResidentsTest, OneCodeAMinuteAndTenADayPerPhoneWhetherRegisteredOrNot) {
  person_with("19900008888", "吴九", {{"desheng-xincun", people::Relation::Owner}});
  for (const char* phone : {"19900008888", "19900009999"}) {
    auto client = anonymous();
    for (int sent = 0; sent < 10; ++sent) {
      ASSERT_EQ(ask_code(*client, phone).status, 202) << phone << " #" << sent;
      Reply soon = ask_code(*client, phone);
      ASSERT_EQ(soon.status, 429) << soon.body;
      EXPECT_EQ(soon.error_field(), "phone");
      // The tenth code fills the day: then the day's limit is the longer wait.
      if (sent < 9) {
        EXPECT_EQ(soon.headers["retry-after"], "60");
      } else {
        EXPECT_GT(std::stoll(soon.headers["retry-after"]), 23 * 3600);
      }
      advance(std::chrono::minutes(1));
    }
    Reply eleventh = ask_code(*client, phone);
    EXPECT_EQ(eleventh.status, 429) << eleventh.body;
    EXPECT_GT(std::stoll(eleventh.headers["retry-after"]), 23 * 3600);
  }
  EXPECT_EQ(sms_lines().size(), 10u);
  advance(std::chrono::hours(24));
  EXPECT_EQ(ask_code(*anonymous(), "19900008888").status, 202);
}

TEST_F(ResidentsTest, ABurstOfRequestsSendsOneCode) {
  person_with("19900013333", "冯十一", {{"desheng-xincun", people::Relation::Owner}});
  std::vector<std::thread> senders;
  std::vector<long> statuses(8);
  for (std::size_t i = 0; i < statuses.size(); ++i)
    senders.emplace_back([&, i] { statuses[i] = ask_code(*anonymous(), "19900013333").status; });
  for (auto& sender : senders) sender.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 202), 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 429), 7);
  EXPECT_EQ(sms_lines().size(), 1u);
}

TEST_F(ResidentsTest, ForwardedAddressesDoNotDodgeThePerAddressLimitUnlessTheProxyIsTrusted) {
  settings_.sms_codes_per_address_per_hour = 3;
  serve();
  auto client = anonymous();
  for (int i = 0; i < 3; ++i) {
    Reply reply = ask_code(*client, "1990001000" + std::to_string(i), {"X-Forwarded-For: 10.0.0." + std::to_string(i)});
    ASSERT_EQ(reply.status, 202) << reply.body;
  }
  Reply fourth = ask_code(*client, "19900010009", {"X-Forwarded-For: 10.0.0.9"});
  EXPECT_EQ(fourth.status, 429) << fourth.body;
  // Behind a trusted proxy each forwarded client counts on its own.
  settings_.behind_tls_proxy = true;
  serve();
  EXPECT_EQ(ask_code(*anonymous(), "19900010009", {"X-Forwarded-For: 10.0.0.9"}).status, 202);
}

TEST_F(ResidentsTest, AFamilyOnOnePhoneChoosesWhoSignsIn) {
  std::int64_t father = person_with("19900011111", "陈大明", {{"desheng-xincun", people::Relation::Owner}});
  std::int64_t daughter = person_with("19900011112", "陈小红", {{"xi-si", people::Relation::Tenant}});
  // The registry refuses a second person on a phone; families registered before that share one.
  db().transaction([&](weizhi::store::Tx& tx) {
    tx.exec(
        "UPDATE people SET phone_enc = (SELECT phone_enc FROM people WHERE id = ?), phone_index = (SELECT "
        "phone_index FROM people WHERE id = ?), phone_masked = (SELECT phone_masked FROM people WHERE id = ?) "
        "WHERE id = ?",
        {father, father, father, daughter});
  });
  ASSERT_EQ(ask_code(*anonymous(), "19900011111").status, 202);
  std::string code = last_code("19900011111");
  auto client = anonymous();
  Reply asked = sign_in(*client, {{"phone", "19900011111"}, {"code", code}});
  ASSERT_EQ(asked.status, 200) << asked.body;
  ASSERT_TRUE(asked.json().contains("choose")) << asked.body;
  EXPECT_FALSE(asked.json().contains("csrf_token"));
  EXPECT_EQ(asked.headers.count("set-cookie"), 0u);
  json choices = asked.json()["choose"];
  ASSERT_EQ(choices.size(), 2u);
  EXPECT_EQ(choices[0]["name"], "陈*明");
  EXPECT_EQ(choices[1]["name"], "陈*红");
  std::string token = choices[1]["person_token"];
  // A token is good with its code only.
  Reply forged = sign_in(*client, {{"phone", "19900011111"}, {"code", code}, {"person_token", std::string(32, 'a')}});
  EXPECT_EQ(forged.status, 400) << forged.body;
  EXPECT_EQ(forged.error_field(), "person_token");
  Reply chosen = sign_in(*client, {{"phone", "19900011111"}, {"code", code}, {"person_token", token}});
  ASSERT_EQ(chosen.status, 200) << chosen.body;
  std::int64_t user = chosen.json()["user"]["id"];
  EXPECT_EQ(count("SELECT person_id FROM users WHERE id = ?", {user}), daughter);
  EXPECT_EQ(resident_scopes(user), std::vector<std::int64_t>{node("xi-si")});
  // The code is spent: the father cannot sign in with it, nor the token serve again.
  EXPECT_EQ(
      sign_in(*anonymous(), {{"phone", "19900011111"}, {"code", code}, {"person_token", choices[0]["person_token"]}})
          .status,
      401);
  EXPECT_EQ(sign_in(*anonymous(), {{"phone", "19900011111"}, {"code", code}, {"person_token", token}}).status, 401);
  // With the next code the old token no longer picks anyone.
  advance(std::chrono::minutes(1));
  ASSERT_EQ(ask_code(*anonymous(), "19900011111").status, 202);
  Reply stale =
      sign_in(*anonymous(), {{"phone", "19900011111"}, {"code", last_code("19900011111")}, {"person_token", token}});
  EXPECT_EQ(stale.status, 400) << stale.body;
}

TEST_F(ResidentsTest, AProviderThatFailsAnswers503AndKeepsNoCode) {
  person_with("19900012222", "郑十", {{"desheng-xincun", people::Relation::Owner}});
  settings_.sms_provider = "file:" + folder_ + "/no-such-folder/sms.log";
  serve();
  Reply down = ask_code(*anonymous(), "19900012222");
  EXPECT_EQ(down.status, 503) << down.body;
  EXPECT_EQ(down.error_code(), "sms_unavailable");
  EXPECT_NE(down.json()["error"]["message"].get<std::string>().find("短信"), std::string::npos);
  settings_.sms_provider = "";
  serve();
  EXPECT_EQ(ask_code(*anonymous(), "19900012222").status, 503);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sms_codes"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'residents.sms_code.send'"), 0);
}

TEST_F(ResidentsTest, HostileInputIsRefusedNamingTheField) {
  auto client = anonymous();
  for (const json& phone :
       {json("12345"), json("1990000111a"), json(19900001111), json(nullptr), json(""), json(std::string(5000, '1'))}) {
    Reply reply = client->post("/api/v1/session/sms-code", json{{"phone", phone}});
    EXPECT_TRUE(reply.status == 400 || reply.status == 413) << phone << " " << reply.body;
    if (reply.status == 400) {
      EXPECT_EQ(reply.error_field(), "phone");
    }
  }
  EXPECT_EQ(client->post("/api/v1/session/sms-code", json{{"phone", "19900001111"}, {"extra", 1}}).status, 400);
  EXPECT_EQ(client->post("/api/v1/session/sms-code", std::string("[\"19900001111\"]")).status, 400);
  Reply huge = client->post("/api/v1/session/sms-code", json{{"phone", std::string(1 << 20, ' ')}});
  EXPECT_EQ(huge.status, 413) << huge.body;
  for (const json& code : {json("12345"), json("1234567"), json("abcdef"), json(123456)}) {
    Reply reply = sign_in(*client, {{"phone", "19900001111"}, {"code", code}});
    EXPECT_EQ(reply.status, 400) << code << " " << reply.body;
    EXPECT_EQ(reply.error_field(), "code");
  }
  EXPECT_EQ(sign_in(*client, {{"phone", "19900001111"}, {"code", "123456"}, {"password", "x"}}).status, 400);
  EXPECT_EQ(sign_in(*client, {{"phone", "abc"}, {"code", "123456"}}).error_field(), "phone");
  EXPECT_EQ(count("SELECT COUNT(*) FROM sms_codes"), 0);
}

TEST_F(ResidentsTest, RequestsOlderThanTwoDaysArePurgedDaily) {
  person_with("19900014444", "褚十二", {{"desheng-xincun", people::Relation::Owner}});
  ASSERT_EQ(ask_code(*anonymous(), "19900014444").status, 202);
  ASSERT_EQ(ask_code(*anonymous(), "19900015555").status, 202);
  ManualClock later;
  later.set(manual_.now() + std::chrono::hours(47));
  ASSERT_TRUE(run_job("residents.sms_codes.purge", later));
  EXPECT_EQ(count("SELECT COUNT(*) FROM sms_codes"), 2);
  later.set(manual_.now() + std::chrono::hours(72));
  ASSERT_TRUE(run_job("residents.sms_codes.purge", later));
  EXPECT_EQ(count("SELECT COUNT(*) FROM sms_codes"), 0);
}
