// A person's rights over their own data: the notice is public and starts at version 1, a resident
// consents to the current version and is asked again for a new one, 我的信息 shows what is held masked,
// a correction request reaches the compound's staff on 今日待办 and its answer reaches the resident,
// staff of another compound cannot see or answer it, and hostile input is refused.
#include "support/sms_api_test.hpp"

using nlohmann::json;
using weizhi::testing::HttpClient;
using weizhi::testing::Reply;
using weizhi::testing::SmsApiTest;
namespace people = weizhi::people;

namespace {

constexpr const char* kPhone = "19900005555";
constexpr const char* kName = "欧阳明远";
constexpr const char* kIdNumber = "11010519491231002X";

}  // namespace

class PrivacyTest : public SmsApiTest {
 protected:
  // A person of 德胜新村 with a phone and an ID number, owner of the compound's first part.
  std::int64_t register_person() {
    people::PersonInput input;
    input.home_node_id = node("desheng-xincun");
    input.name = kName;
    input.phone = kPhone;
    input.id_number = kIdNumber;
    input.birth_year = 1949;
    return register_in("desheng-xincun", input);
  }

  // The registered person signed in on the H5 with the SMS code, as a resident does.
  std::unique_ptr<HttpClient> resident() {
    register_person();
    return phone_session();
  }

  // A new session of the registered person, by the last code sent to their phone.
  std::unique_ptr<HttpClient> phone_session() {
    auto client = anonymous();
    Reply signed_in = sign_in_by_phone(*client, kPhone);
    EXPECT_EQ(signed_in.status, 200) << signed_in.body;
    return client;
  }

  std::unique_ptr<HttpClient> other_compound_commissioner() {
    auto admin = signed_in("admin");
    Reply made = admin->post("/api/v1/users",
                             json{{"login", "deshengba-commissioner"},
                                  {"display_name", "德胜坝小区专员"},
                                  {"password", "Kq7-rTz2-vWx9-Lm4p"},
                                  {"roles", {{{"role", "commissioner"}, {"scope_node_id", node("c-deshengba")}}}}});
    EXPECT_EQ(made.status, 201) << made.body;
    auto client = anonymous();
    EXPECT_EQ(client->login("deshengba-commissioner", "Kq7-rTz2-vWx9-Lm4p").status, 200);
    return client;
  }

  // The privacy items of the caller's 今日待办.
  json correction_items(HttpClient& client) {
    Reply today = client.get("/api/v1/me/today");
    EXPECT_EQ(today.status, 200) << today.body;
    json all = today.json();
    json items = json::array();
    for (const auto& item : all["items"]) {
      if (item["kind"] == "privacy.correction") items.push_back(item);
    }
    return items;
  }
};

TEST_F(PrivacyTest, TheNoticeIsPublicAndStartsAtVersionOne) {
  Reply notice = anonymous()->get("/api/v1/privacy/notice");
  ASSERT_EQ(notice.status, 200) << notice.body;
  EXPECT_EQ(notice.json()["version"], 1);
  std::string body = notice.json()["body"];
  EXPECT_NE(body.find("身份证号"), std::string::npos);
  EXPECT_NE(body.find("撤回同意"), std::string::npos);
  EXPECT_FALSE(notice.json()["published_at"].get<std::string>().empty());
}

TEST_F(PrivacyTest, AResidentConsentsToTheCurrentVersionAndIsAskedAgainForANewOne) {
  auto person = resident();
  Reply asked = person->get("/api/v1/me/consent");
  ASSERT_EQ(asked.status, 200) << asked.body;
  EXPECT_EQ(asked.json(), (json{{"current_version", 1}, {"consented_version", nullptr}, {"needs_consent", true}}));
  Reply stale = person->post("/api/v1/me/consent", json{{"version", 2}});
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(stale.error_field(), "version");
  Reply consented = person->post("/api/v1/me/consent", json{{"version", 1}});
  ASSERT_EQ(consented.status, 201) << consented.body;
  EXPECT_EQ(consented.json()["needs_consent"], false);
  EXPECT_EQ(person->post("/api/v1/me/consent", json{{"version", 1}}).status, 200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'privacy.consent'"), 1);

  // Only the street publishes; a new version asks everyone again, and the old one can no longer be agreed to.
  EXPECT_EQ(signed_in("commissioner")->post("/api/v1/privacy/notices", json{{"body", "新说明"}}).status, 403);
  EXPECT_EQ(person->post("/api/v1/privacy/notices", json{{"body", "新说明"}}).status, 403);
  auto admin = signed_in("admin");
  Reply published = admin->post("/api/v1/privacy/notices", json{{"body", "第二版：增加了加装电梯的出资记录。"}});
  ASSERT_EQ(published.status, 201) << published.body;
  EXPECT_EQ(published.json()["version"], 2);
  EXPECT_EQ(anonymous()->get("/api/v1/privacy/notice").json()["version"], 2);
  EXPECT_EQ(person->get("/api/v1/me/consent").json(),
            (json{{"current_version", 2}, {"consented_version", 1}, {"needs_consent", true}}));
  EXPECT_EQ(person->post("/api/v1/me/consent", json{{"version", 1}}).status, 409);
  ASSERT_EQ(person->post("/api/v1/me/consent", json{{"version", 2}}).status, 201);
  EXPECT_EQ(person->get("/api/v1/me/consent").json()["needs_consent"], false);

  Reply versions = admin->get("/api/v1/privacy/notices");
  ASSERT_EQ(versions.status, 200) << versions.body;
  json listed = versions.json();
  ASSERT_EQ(listed["items"].size(), 2u);
  EXPECT_EQ(listed["items"][0]["version"], 2);
  EXPECT_EQ(listed["items"][0]["consents"], 1);

  // Staff behind no person are never asked; they cannot consent for anyone.
  EXPECT_EQ(admin->get("/api/v1/me/consent").json()["needs_consent"], false);
  EXPECT_EQ(admin->post("/api/v1/me/consent", json{{"version", 2}}).status, 422);
}

TEST_F(PrivacyTest, MyDataShowsWhatIsHeldMaskedAndNoValueInClear) {
  auto person = resident();
  Reply data = person->get("/api/v1/me/data");
  ASSERT_EQ(data.status, 200) << data.body;
  json shown = data.json();
  EXPECT_EQ(shown["person"]["name"], "欧**远");
  EXPECT_EQ(shown["person"]["phone"], "199****5555");
  EXPECT_EQ(shown["person"]["id_number"], "110***********002X");
  EXPECT_EQ(shown["person"]["birth_year"], 1949);
  ASSERT_EQ(shown["homes"].size(), 1u);
  EXPECT_EQ(shown["homes"][0]["relation"], "owner");
  EXPECT_EQ(shown["homes"][0]["compound"]["id"], node("desheng-xincun"));
  EXPECT_FALSE(shown["homes"][0]["since"].get<std::string>().empty());
  ASSERT_EQ(shown["roles"].size(), 1u);
  EXPECT_EQ(shown["roles"][0]["role"], "resident");
  EXPECT_EQ(shown["sessions"], 1);
  EXPECT_TRUE(shown["consents"].empty());
  EXPECT_TRUE(shown["ballots"].is_array());
  for (const char* clear : {kIdNumber, kPhone, kName, "19491231"}) {
    EXPECT_EQ(data.body.find(clear), std::string::npos) << clear;
  }
  // An account behind nobody sees its roles and sessions, and no person.
  Reply staff = signed_in("admin")->get("/api/v1/me/data");
  ASSERT_EQ(staff.status, 200) << staff.body;
  EXPECT_TRUE(staff.json()["person"].is_null());
}

TEST_F(PrivacyTest, ACorrectionReachesTheCompoundsStaffAndTheirAnswerReachesTheResident) {
  auto person = resident();
  std::string proposed_id = "110105198001011238";
  Reply asked = person->post("/api/v1/me/corrections",
                             json{{"field", "id_number"}, {"proposed", proposed_id}, {"note", "末尾几位登记错了"}});
  ASSERT_EQ(asked.status, 201) << asked.body;
  EXPECT_EQ(asked.json()["proposed"], "110***********1238");
  EXPECT_EQ(asked.json()["status"], "open");
  std::int64_t id = asked.json()["id"];
  // Sealed at rest, and kept out of the audit log.
  EXPECT_EQ(count("SELECT COUNT(*) FROM privacy_corrections WHERE proposed_enc LIKE ? OR note_enc LIKE ?",
                  {"%" + proposed_id + "%", "%登记错了%"}),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE summary LIKE ?", {"%" + proposed_id + "%"}), 0);

  auto commissioner = signed_in("commissioner");
  json items = correction_items(*commissioner);
  ASSERT_EQ(items.size(), 1u) << items;
  EXPECT_EQ(items[0]["count"], 1);
  EXPECT_EQ(items[0]["node"]["id"], node("desheng-xincun"));
  EXPECT_EQ(items[0]["link"], "/privacy/corrections?node=" + std::to_string(node("desheng-xincun")) + "&status=open");

  Reply listed =
      commissioner->get("/api/v1/privacy/corrections?status=open&node=" + std::to_string(node("desheng-xincun")));
  ASSERT_EQ(listed.status, 200) << listed.body;
  json list = listed.json();
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["proposed"], proposed_id);
  EXPECT_EQ(list["items"][0]["person"]["name"], "欧**远");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'privacy.corrections.read'"), 1);

  std::string resolve = "/api/v1/privacy/corrections/" + std::to_string(id) + "/resolve";
  EXPECT_EQ(commissioner->post(resolve, json{{"outcome", "rejected"}}).error_field(), "reply");
  Reply answered = commissioner->post(resolve, json{{"outcome", "corrected"}, {"reply", "已按户口簿更正"}});
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.json()["status"], "corrected");
  EXPECT_EQ(commissioner->post(resolve, json{{"outcome", "rejected"}, {"reply", "再来一次"}}).status, 409);
  EXPECT_TRUE(correction_items(*commissioner).empty());

  json mine = person->get("/api/v1/me/data").json();
  ASSERT_EQ(mine["corrections"].size(), 1u);
  EXPECT_EQ(mine["corrections"][0]["status"], "corrected");
  EXPECT_EQ(mine["corrections"][0]["reply"], "已按户口簿更正");
  EXPECT_EQ(mine["corrections"][0]["proposed"], "110***********1238");
  Reply inbox = person->get("/api/v1/me/notifications");
  ASSERT_EQ(inbox.status, 200) << inbox.body;
  EXPECT_NE(inbox.body.find("privacy.correction.resolved"), std::string::npos) << inbox.body;
}

TEST_F(PrivacyTest, StaffOfAnotherCompoundNeitherSeeNorAnswerTheRequest) {
  auto person = resident();
  Reply asked = person->post("/api/v1/me/corrections", json{{"field", "home"}, {"proposed", "我住 1 幢 2 单元 301"}});
  ASSERT_EQ(asked.status, 201) << asked.body;
  std::string resolve =
      "/api/v1/privacy/corrections/" + std::to_string(asked.json()["id"].get<std::int64_t>()) + "/resolve";
  json answer{{"outcome", "corrected"}, {"reply", "好"}};
  auto outsider = other_compound_commissioner();
  EXPECT_EQ(outsider->post(resolve, answer).status, 404);
  EXPECT_EQ(outsider->post("/api/v1/privacy/corrections/999999/resolve", answer).status, 404);
  EXPECT_EQ(outsider->get("/api/v1/privacy/corrections?node=" + std::to_string(node("desheng-xincun"))).status, 403);
  Reply own = outsider->get("/api/v1/privacy/corrections?node=" + std::to_string(node("c-deshengba")));
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_TRUE(own.json()["items"].empty());
  EXPECT_TRUE(correction_items(*outsider).empty());
  // A resident answers no request, their own included.
  EXPECT_EQ(person->post(resolve, answer).status, 403);
  EXPECT_EQ(count("SELECT COUNT(*) FROM privacy_corrections WHERE status = 'open'"), 1);
}

TEST_F(PrivacyTest, AtMostFiveRequestsWaitAtOnce) {
  auto person = resident();
  for (int i = 0; i < 5; ++i) {
    Reply asked = person->post("/api/v1/me/corrections",
                               json{{"field", "other"}, {"proposed", "第 " + std::to_string(i) + " 项"}});
    ASSERT_EQ(asked.status, 201) << asked.body;
  }
  Reply sixth = person->post("/api/v1/me/corrections", json{{"field", "other"}, {"proposed", "第六项"}});
  EXPECT_EQ(sixth.status, 409) << sixth.body;
  EXPECT_EQ(sixth.error_field(), "field");
  EXPECT_EQ(count("SELECT COUNT(*) FROM privacy_corrections"), 5);
}

TEST_F(PrivacyTest, AResidentClosesTheirAccountAndTheRegistryKeepsThePerson) {
  auto person = resident();
  ASSERT_EQ(person->post("/api/v1/me/consent", json{{"version", 1}}).status, 201);
  std::int64_t person_id = count("SELECT id FROM people WHERE id = (SELECT MAX(id) FROM people)");
  std::int64_t account = count("SELECT id FROM users WHERE person_id = ?", {person_id});
  Reply closed = person->del("/api/v1/me/account");
  ASSERT_EQ(closed.status, 204) << closed.body;
  EXPECT_NE(closed.headers["set-cookie"].find("Max-Age=0"), std::string::npos) << closed.headers["set-cookie"];
  EXPECT_EQ(person->get("/api/v1/me").status, 401);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", {account}), 0);
  EXPECT_EQ(count("SELECT disabled FROM users WHERE id = ?", {account}), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE person_id = ?", {person_id}), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM role_assignments WHERE user_id = ? AND valid_to IS NULL", {account}), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM people WHERE id = ?", {person_id}), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'privacy.account.close'"), 1);

  // Signing in again by phone, a minute later, makes a new account, which is asked to consent again.
  manual_.advance(std::chrono::minutes(2));
  auto again = phone_session();
  std::int64_t reopened = again->get("/api/v1/me").json()["id"];
  EXPECT_NE(reopened, account);
  EXPECT_EQ(again->get("/api/v1/me/consent").json()["needs_consent"], true);

  // Staff accounts are closed by the street's administrator, not by themselves.
  EXPECT_EQ(signed_in("commissioner")->del("/api/v1/me/account").status, 403);
  EXPECT_EQ(anonymous()->del("/api/v1/me/account").status, 401);
}

TEST_F(PrivacyTest, AnonymousCallersAreRefusedWith401AndNothingIsWritten) {
  std::int64_t consents = count("SELECT COUNT(*) FROM privacy_consents");
  auto visitor = anonymous();
  for (const auto& path :
       {"/api/v1/me/consent", "/api/v1/me/data", "/api/v1/privacy/notices", "/api/v1/privacy/corrections"}) {
    Reply reply = visitor->get(path);
    EXPECT_EQ(reply.status, 401) << path;
    EXPECT_EQ(reply.error_code(), "unauthorized") << path << reply.body;
  }
  EXPECT_EQ(visitor->post("/api/v1/me/consent", json{{"version", 1}}).status, 401);
  EXPECT_EQ(visitor->post("/api/v1/me/corrections", json{{"field", "other"}, {"proposed", "x"}}).status, 401);
  EXPECT_EQ(visitor->post("/api/v1/privacy/notices", json{{"body", "x"}}).status, 401);
  EXPECT_EQ(visitor->post("/api/v1/privacy/corrections/1/resolve", json{{"outcome", "corrected"}}).status, 401);
  EXPECT_EQ(count("SELECT COUNT(*) FROM privacy_consents"), consents);
  EXPECT_EQ(count("SELECT COUNT(*) FROM privacy_corrections"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM privacy_notices"), 1);
}

TEST_F(PrivacyTest, OddAndOversizeInputIsRefusedNamingTheField) {
  auto person = resident();
  auto ask = [&](const std::string& body) { return person->post("/api/v1/me/corrections", body); };
  EXPECT_EQ(ask(json{{"field", "birth_year"}, {"proposed", "1950"}}.dump()).error_field(), "field");
  EXPECT_EQ(ask(json{{"field", "phone"}, {"proposed", "12345"}}.dump()).error_field(), "proposed");
  EXPECT_EQ(ask(json{{"field", "name"}}.dump()).error_field(), "proposed");
  EXPECT_EQ(ask(json{{"field", "other"}, {"proposed", "x"}, {"note", "   "}}.dump()).error_field(), "note");
  EXPECT_EQ(ask(json{{"field", "other"}, {"proposed", "x"}, {"extra", 1}}.dump()).status, 400);
  EXPECT_EQ(ask(json{{"field", "other"}, {"proposed", std::string(700, 'a')}}.dump()).error_field(), "proposed");
  EXPECT_EQ(ask("[1,2]").status, 400);
  EXPECT_EQ(ask("{\"field\":").status, 400);
  EXPECT_EQ(ask(json{{"field", "other"}, {"proposed", std::string(10000, 'a')}}.dump()).status, 413);
  EXPECT_EQ(person->post("/api/v1/me/consent", json{{"version", "1"}}).error_field(), "version");
  EXPECT_EQ(person->post("/api/v1/me/consent", json{{"version", 1.5}}).status, 400);
  auto admin = signed_in("admin");
  EXPECT_EQ(admin->post("/api/v1/privacy/notices", json{{"body", " \n "}}).error_field(), "body");
  EXPECT_EQ(admin->post("/api/v1/privacy/notices", json{{"body", std::string(70 * 1024, 'a')}}).status, 413);
  EXPECT_EQ(admin->post("/api/v1/me/corrections", json{{"field", "other"}, {"proposed", "x"}}).status, 422);
  auto commissioner = signed_in("commissioner");
  for (const char* id :
       {"abc", "-1", "0", "99999999999999999999", "9223372036854775807", "1.5", "%201", "0x1", "%EF%BC%91"}) {
    Reply reply = commissioner->post("/api/v1/privacy/corrections/" + std::string(id) + "/resolve",
                                     json{{"outcome", "corrected"}});
    EXPECT_EQ(reply.status, 404) << id << " " << reply.body;
  }
  EXPECT_EQ(commissioner->post("/api/v1/privacy/corrections/1/resolve", json{{"outcome", "open"}}).error_field(),
            "outcome");
  EXPECT_EQ(commissioner->get("/api/v1/privacy/corrections?status=maybe&node=" + std::to_string(node("desheng-xincun")))
                .error_field(),
            "status");
  EXPECT_EQ(count("SELECT COUNT(*) FROM privacy_corrections"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM privacy_notices"), 1);
}
