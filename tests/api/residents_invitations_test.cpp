// Household invitation letters: staff issue a building's letters (one per household with someone without a
// phone, codes shown once and kept hashed), issuing again voids the unused ones, a resident redeems a letter
// with a new phone and an SMS code and is signed in, refusals (a registered phone, an expired or guessed
// code, another scope, no sign-in), the confirmation policy, and the sign-up progress.
#include "support/sms_api_test.hpp"

using nlohmann::json;
using weizhi::testing::HttpClient;
using weizhi::testing::Reply;
using weizhi::testing::SmsApiTest;
namespace people = weizhi::people;

class InvitationsTest : public SmsApiTest {
 protected:
  // The building named `name` of the compound with `code`.
  std::int64_t building(const std::string& code, const std::string& name = "1幢") {
    return db().read()->scalar("SELECT id FROM org_nodes WHERE kind = 'building' AND name = ? AND parent_id = ?",
                               {name, node(code)});
  }
  // The building's parts, by id.
  std::vector<std::int64_t> parts_of(std::int64_t building_id) {
    std::vector<std::int64_t> parts;
    for (const auto& row :
         db().read()->query("SELECT part.id FROM org_nodes part JOIN org_nodes unit ON unit.id = part.parent_id "
                            "WHERE part.kind = 'part' AND unit.parent_id = ? ORDER BY part.id",
                            {building_id}))
      parts.push_back(row.i64(0));
    return parts;
  }
  // A person of the compound `code` with no phone, living in the part.
  std::int64_t phoneless(const std::string& code, const std::string& name, std::int64_t part) {
    people::PersonInput input;
    input.home_node_id = node(code);
    input.name = name;
    std::int64_t person = 0;
    db().transaction([&](weizhi::store::Tx& tx) {
      person = people::create_person(tx, data_key(), input);
      people::link_part(tx, part, person, people::Relation::Resident, false);
    });
    return person;
  }
  std::optional<std::string> phone_index_of(std::int64_t person) {
    return db().read()->query_one("SELECT phone_index FROM people WHERE id = ?", {person})->optional_text(0);
  }

  Reply issue(HttpClient& client, std::int64_t building_id) {
    return client.post("/api/v1/residents/invitations", json{{"building_id", building_id}});
  }
  Reply ask_code(HttpClient& client, const std::string& letter, const std::string& phone) {
    return client.post("/api/v1/residents/invitations/sms-code", json{{"invitation_code", letter}, {"phone", phone}});
  }
  Reply redeem(HttpClient& client, json body) { return client.post("/api/v1/residents/invitations/redeem", body); }
  // Issues the letters of desheng-xincun's 1幢 with `person` its one household without a phone; the letter's code.
  std::string letter_for(HttpClient& staff) {
    Reply issued = issue(staff, building("desheng-xincun"));
    EXPECT_EQ(issued.status, 201) << issued.body;
    EXPECT_EQ(issued.json()["letters"].size(), 1u) << issued.body;
    return issued.json()["letters"][0]["code"];
  }
  // Asks a code for the phone with the letter and redeems it for `person`.
  Reply redeem_for(HttpClient& client, const std::string& letter, const std::string& phone, std::int64_t person) {
    Reply asked = ask_code(client, letter, phone);
    EXPECT_EQ(asked.status, 202) << asked.body;
    return redeem(client,
                  {{"invitation_code", letter}, {"phone", phone}, {"code", last_code(phone)}, {"person_id", person}});
  }
};

TEST_F(InvitationsTest, IssuingGivesALetterToEachHouseholdWithSomeoneWithoutAPhone) {
  std::int64_t building_id = building("desheng-xincun");
  auto parts = parts_of(building_id);
  ASSERT_GE(parts.size(), 2u);
  phoneless("desheng-xincun", "王小明", parts[1]);
  auto staff = signed_in("commissioner");
  Reply issued = issue(*staff, building_id);
  ASSERT_EQ(issued.status, 201) << issued.body;
  json answer = issued.json();
  EXPECT_EQ(answer["building"]["id"], building_id);
  EXPECT_EQ(answer["building"]["name"], "1幢");
  EXPECT_EQ(answer["building"]["compound"], "德胜新村");
  EXPECT_EQ(answer["voided"], 0);
  // The seeded owners all have phones: their households get no letter.
  EXPECT_EQ(answer["skipped"]["with_phones"], static_cast<std::int64_t>(parts.size()) - 1);
  ASSERT_EQ(answer["letters"].size(), 1u);
  json letter = answer["letters"][0];
  EXPECT_EQ(letter["part_id"], parts[1]);
  EXPECT_EQ(letter["address"].get<std::string>().rfind("1幢 1单元 ", 0), 0u) << letter;
  std::string code = letter["code"];
  EXPECT_EQ(code.size(), 8u);
  EXPECT_EQ(code.find_first_of("0O1I"), std::string::npos) << code;
  EXPECT_EQ(letter["url"], "/m/invite?code=" + code);
  // Thirty days.
  auto issued_at = weizhi::parse_iso(answer["issued_at"].get<std::string>());
  auto expires_at = weizhi::parse_iso(answer["expires_at"].get<std::string>());
  ASSERT_TRUE(issued_at && expires_at);
  EXPECT_EQ(*expires_at - *issued_at, std::chrono::days(30));
  // Kept only as a keyed hash; audited without the code.
  EXPECT_EQ(count("SELECT COUNT(*) FROM invitations WHERE code_hash = ? OR code_hash LIKE ?", {code, "%" + code + "%"}),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'residents.invitation.issue'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE summary LIKE ?", {"%" + code + "%"}), 0);

  // The compound's batches: issued by whom, how many letters, none used yet.
  Reply batches = staff->get("/api/v1/residents/invitations?compound=" + std::to_string(node("desheng-xincun")));
  ASSERT_EQ(batches.status, 200) << batches.body;
  json items = batches.json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["building"], "1幢");
  EXPECT_EQ(items[0]["letters"], 1);
  EXPECT_EQ(items[0]["used"], 0);
  EXPECT_EQ(items[0]["expired"], 0);
  EXPECT_FALSE(items[0]["issued_by"].get<std::string>().empty());
}

TEST_F(InvitationsTest, ABuildingWhereEveryoneHasAPhoneGetsNoLetters) {
  auto staff = signed_in("commissioner");
  Reply issued = issue(*staff, building("desheng-xincun"));
  EXPECT_EQ(issued.status, 422) << issued.body;
  EXPECT_EQ(issued.error_field(), "building_id");
}

TEST_F(InvitationsTest, IssuingAgainVoidsTheUnusedLettersButNotWithinAMinute) {
  auto parts = parts_of(building("desheng-xincun"));
  phoneless("desheng-xincun", "王小明", parts[0]);
  auto staff = signed_in("commissioner");
  std::string first = letter_for(*staff);
  Reply again = issue(*staff, building("desheng-xincun"));
  EXPECT_EQ(again.status, 429) << again.body;
  EXPECT_FALSE(again.headers["retry-after"].empty());
  manual_.advance(std::chrono::minutes(2));
  Reply second = issue(*staff, building("desheng-xincun"));
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.json()["voided"], 1);
  std::string fresh = second.json()["letters"][0]["code"];
  EXPECT_NE(fresh, first);
  auto resident = anonymous();
  Reply old = ask_code(*resident, first, "19900005555");
  EXPECT_EQ(old.status, 410) << old.body;
  EXPECT_EQ(old.error_code(), "invitation_voided");
  EXPECT_EQ(old.error_field(), "invitation_code");
  EXPECT_EQ(ask_code(*resident, fresh, "19900005555").status, 202);
  Reply batches = staff->get("/api/v1/residents/invitations?compound=" + std::to_string(node("desheng-xincun")));
  ASSERT_EQ(batches.json()["items"].size(), 2u);
  EXPECT_EQ(batches.json()["items"][1]["voided"], 1);
}

TEST_F(InvitationsTest, ARedeemedLetterRegistersThePhoneOnWhoeverIsChosenAndSignsThemIn) {
  auto parts = parts_of(building("desheng-xincun"));
  std::int64_t grandmother = phoneless("desheng-xincun", "王奶奶", parts[0]);
  std::int64_t grandfather = phoneless("desheng-xincun", "王爷爷", parts[0]);
  auto staff = signed_in("commissioner");
  std::string letter = letter_for(*staff);
  auto resident = anonymous();
  // Typed as people type it: small letters, a space in the middle.
  std::string typed = letter.substr(0, 4) + " " + letter.substr(4);
  std::transform(typed.begin(), typed.end(), typed.begin(), [](char c) { return std::tolower(c); });
  Reply asked = ask_code(*resident, typed, "199 0000 5555");
  ASSERT_EQ(asked.status, 202) << asked.body;
  EXPECT_EQ(asked.json(), (json{{"resend_after", 60}}));
  std::string code = last_code("19900005555");
  // The household's people without a phone, masked, to choose from; nothing is spent yet.
  Reply choose = redeem(*resident, {{"invitation_code", letter}, {"phone", "19900005555"}, {"code", code}});
  ASSERT_EQ(choose.status, 200) << choose.body;
  ASSERT_EQ(choose.json()["choose"].size(), 2u);
  EXPECT_EQ(choose.json()["choose"][0], (json{{"person_id", grandmother}, {"name", "王*奶"}}));
  EXPECT_EQ(choose.json()["choose"][1]["person_id"], grandfather);
  // Someone not of the household is no choice.
  Reply stranger = redeem(*resident, {{"invitation_code", letter},
                                      {"phone", "19900005555"},
                                      {"code", code},
                                      {"person_id", person_under("desheng-xincun")}});
  EXPECT_EQ(stranger.status, 400) << stranger.body;
  EXPECT_EQ(stranger.error_field(), "person_id");
  Reply wrong = redeem(*resident, {{"invitation_code", letter},
                                   {"phone", "19900005555"},
                                   {"code", code == "000000" ? "111111" : "000000"},
                                   {"person_id", grandfather}});
  EXPECT_EQ(wrong.status, 401) << wrong.body;
  EXPECT_EQ(wrong.error_field(), "code");

  Reply signed_in = redeem(
      *resident, {{"invitation_code", letter}, {"phone", "19900005555"}, {"code", code}, {"person_id", grandfather}});
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  EXPECT_NE(signed_in.headers["set-cookie"].find("weizhi_session="), std::string::npos);
  std::int64_t user = signed_in.json()["user"]["id"];
  EXPECT_EQ(count("SELECT person_id FROM users WHERE id = ?", {user}), grandfather);
  EXPECT_EQ(count("SELECT COUNT(*) FROM role_assignments WHERE user_id = ? AND role = 'resident' AND scope_node_id = ? "
                  "AND valid_to IS NULL",
                  {user, node("desheng-xincun")}),
            1);
  EXPECT_EQ(phone_index_of(grandfather), data_key().blind_index("19900005555"));
  EXPECT_EQ(phone_index_of(grandmother), std::nullopt);
  EXPECT_EQ(resident->get("/api/v1/me").status, 200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'residents.invitation.redeem' AND summary LIKE ?",
                  {"%199****5555%"}),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE summary LIKE '%19900005555%'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'session.create' AND summary LIKE '%invitation%'"), 1);

  // The letter served once; the phone now signs in as any registered one.
  auto again = anonymous();
  Reply reused = ask_code(*again, letter, "19900006666");
  EXPECT_EQ(reused.status, 410) << reused.body;
  EXPECT_EQ(reused.error_code(), "invitation_used");
  manual_.advance(std::chrono::minutes(2));
  ASSERT_EQ(again->post("/api/v1/session/sms-code", json{{"phone", "19900005555"}}).status, 202);
  Reply by_phone = again->post("/api/v1/session", json{{"phone", "19900005555"}, {"code", last_code("19900005555")}});
  ASSERT_EQ(by_phone.status, 200) << by_phone.body;
  EXPECT_EQ(by_phone.json()["user"]["id"], user);

  Reply batches = staff->get("/api/v1/residents/invitations?compound=" + std::to_string(node("desheng-xincun")));
  EXPECT_EQ(batches.json()["items"][0]["used"], 1);
}

TEST_F(InvitationsTest, ALetterCodeNeverSignsInByPhoneNorAPhoneCodeRedeemsALetter) {
  auto parts = parts_of(building("desheng-xincun"));
  std::int64_t person = phoneless("desheng-xincun", "王小明", parts[0]);
  auto staff = signed_in("commissioner");
  std::string letter = letter_for(*staff);
  auto resident = anonymous();
  ASSERT_EQ(ask_code(*resident, letter, "19900005555").status, 202);
  std::string code = last_code("19900005555");
  Reply by_phone = resident->post("/api/v1/session", json{{"phone", "19900005555"}, {"code", code}});
  EXPECT_EQ(by_phone.status, 401) << by_phone.body;
  // With one person to claim it, the letter needs no choice.
  Reply redeemed = redeem(*resident, {{"invitation_code", letter}, {"phone", "19900005555"}, {"code", code}});
  ASSERT_EQ(redeemed.status, 200) << redeemed.body;
  EXPECT_EQ(count("SELECT person_id FROM users WHERE id = ?", {redeemed.json()["user"]["id"].get<std::int64_t>()}),
            person);
}

TEST_F(InvitationsTest, APhoneRegisteredToAnotherPersonIsRefused) {
  auto parts = parts_of(building("desheng-xincun"));
  std::int64_t person = phoneless("desheng-xincun", "王小明", parts[0]);
  auto staff = signed_in("commissioner");
  std::string letter = letter_for(*staff);
  auto admin = signed_in("admin");
  std::int64_t other = person_under("xi-si");
  Reply unmasked =
      admin->post("/api/v1/people/" + std::to_string(other) + "/unmask", json{{"reason", "核对手机号码登记"}});
  ASSERT_EQ(unmasked.status, 200) << unmasked.body;
  std::string taken = unmasked.json()["phone"];
  auto resident = anonymous();
  // Asking tells nothing of the phone; only its holder, with the code it was sent, learns it is registered.
  Reply asked = ask_code(*resident, letter, taken);
  EXPECT_EQ(asked.status, 202) << asked.body;
  std::string sent = last_code(taken);
  Reply guessed = redeem(
      *resident, {{"invitation_code", letter}, {"phone", taken}, {"code", sent == "000000" ? "111111" : "000000"}});
  EXPECT_EQ(guessed.status, 401) << guessed.body;
  Reply holder = redeem(*resident, {{"invitation_code", letter}, {"phone", taken}, {"code", sent}});
  EXPECT_EQ(holder.status, 409) << holder.body;
  EXPECT_EQ(holder.error_code(), "phone_registered");
  EXPECT_EQ(holder.error_field(), "phone");
  // Registered after the code was sent: refused when redeemed, and nothing is spent.
  ASSERT_EQ(ask_code(*resident, letter, "19900005555").status, 202);
  std::string code = last_code("19900005555");
  Reply moved = admin->patch("/api/v1/people/" + std::to_string(other), json{{"phone", "19900005555"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  Reply redeemed = redeem(*resident, {{"invitation_code", letter}, {"phone", "19900005555"}, {"code", code}});
  EXPECT_EQ(redeemed.status, 409) << redeemed.body;
  EXPECT_EQ(redeemed.error_field(), "phone");
  EXPECT_EQ(phone_index_of(person), std::nullopt);
  EXPECT_EQ(count("SELECT COUNT(*) FROM invitations WHERE used_at IS NOT NULL"), 0);
}

TEST_F(InvitationsTest, AnExpiredLetterIsGone) {
  auto parts = parts_of(building("desheng-xincun"));
  phoneless("desheng-xincun", "王小明", parts[0]);
  auto staff = signed_in("commissioner");
  std::string letter = letter_for(*staff);
  manual_.advance(std::chrono::minutes(30 * 24 * 60 + 1));
  auto resident = anonymous();
  Reply asked = ask_code(*resident, letter, "19900005555");
  EXPECT_EQ(asked.status, 410) << asked.body;
  EXPECT_EQ(asked.error_code(), "invitation_expired");
  EXPECT_EQ(asked.error_field(), "invitation_code");
  Reply batches = signed_in("commissioner")
                      ->get("/api/v1/residents/invitations?compound=" + std::to_string(node("desheng-xincun")));
  EXPECT_EQ(batches.json()["items"][0]["expired"], 1);
}

TEST_F(InvitationsTest, GuessingCodesFromOneAddressIsStopped) {
  auto parts = parts_of(building("desheng-xincun"));
  phoneless("desheng-xincun", "王小明", parts[0]);
  auto staff = signed_in("commissioner");
  std::string letter = letter_for(*staff);
  auto guesser = anonymous();
  std::string wrong = letter[0] == 'A' ? "BBBBBBBB" : "AAAAAAAA";
  for (int i = 0; i < 20; ++i) {
    Reply guess = ask_code(*guesser, wrong, "19900005555");
    ASSERT_EQ(guess.status, 404) << i << guess.body;
    EXPECT_EQ(guess.error_code(), "invitation_not_found");
    EXPECT_EQ(guess.error_field(), "invitation_code");
  }
  // Past the limit even the right code is refused, so guessing on tells nothing.
  Reply blocked = ask_code(*guesser, letter, "19900005555");
  EXPECT_EQ(blocked.status, 429) << blocked.body;
  EXPECT_EQ(blocked.error_field(), "invitation_code");
  EXPECT_FALSE(blocked.headers["retry-after"].empty());
  EXPECT_EQ(redeem(*guesser, {{"invitation_code", letter}, {"phone", "19900005555"}, {"code", "123456"}}).status, 429);
  manual_.advance(std::chrono::minutes(61));
  EXPECT_EQ(ask_code(*guesser, letter, "19900005555").status, 202);
}

TEST_F(InvitationsTest, OddInputIsRefusedNamingTheField) {
  auto resident = anonymous();
  Reply looks_alike = ask_code(*resident, "0O1I2345", "19900005555");
  EXPECT_EQ(looks_alike.status, 400) << looks_alike.body;
  EXPECT_EQ(looks_alike.error_field(), "invitation_code");
  Reply bad_phone = ask_code(*resident, "ABCD2345", "12345");
  EXPECT_EQ(bad_phone.status, 400);
  EXPECT_EQ(bad_phone.error_field(), "phone");
  Reply number = resident->post("/api/v1/residents/invitations/sms-code",
                                json{{"invitation_code", 12345678}, {"phone", "19900005555"}});
  EXPECT_EQ(number.status, 400);
  Reply unknown = resident->post("/api/v1/residents/invitations/sms-code",
                                 json{{"invitation_code", "ABCD2345"}, {"phone", "19900005555"}, {"x", 1}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(resident->post("/api/v1/residents/invitations/redeem", std::string("[1]")).status, 400);
  Reply oversize = resident->post("/api/v1/residents/invitations/redeem",
                                  json{{"invitation_code", std::string(4096, 'A')}, {"phone", "19900005555"}});
  EXPECT_EQ(oversize.status, 413);
  Reply short_code = redeem(*resident, {{"invitation_code", "ABCD2345"}, {"phone", "19900005555"}, {"code", "12"}});
  EXPECT_EQ(short_code.status, 400);
  EXPECT_EQ(short_code.error_field(), "code");
  auto staff = signed_in("commissioner");
  EXPECT_EQ(issue(*staff, 0).status, 400);
  EXPECT_EQ(staff->post("/api/v1/residents/invitations", json{{"building_id", "1"}}).status, 400);
  // A compound is no building.
  Reply compound = issue(*staff, node("desheng-xincun"));
  EXPECT_EQ(compound.status, 404);
  EXPECT_EQ(compound.error_field(), "building_id");
  EXPECT_EQ(staff->get("/api/v1/residents/invitations").status, 400);
  EXPECT_EQ(staff->get("/api/v1/residents/invitations?compound=abc").status, 400);
  EXPECT_EQ(staff->get("/api/v1/residents/sign-up-progress").status, 400);
  EXPECT_EQ(staff->post("/api/v1/residents/invitation-requests/abc/confirm", std::string("")).status, 404);
}

TEST_F(InvitationsTest, AnotherScopeIsNotFoundAndAnonymousCallersAreNotSignedIn) {
  std::int64_t xi_si = building("xi-si");
  phoneless("xi-si", "王小明", parts_of(xi_si)[0]);
  auto commissioner = signed_in("commissioner");
  auto secretary = signed_in("secretary");
  for (auto* staff : {commissioner.get(), secretary.get()}) {
    Reply issued = issue(*staff, xi_si);
    EXPECT_EQ(issued.status, 404) << issued.body;
    EXPECT_EQ(issued.error_field(), "building_id");
    EXPECT_EQ(staff->get("/api/v1/residents/invitations?compound=" + std::to_string(node("xi-si"))).status, 404);
    EXPECT_EQ(staff->get("/api/v1/residents/invitation-requests?compound=" + std::to_string(node("xi-si"))).status,
              404);
    EXPECT_EQ(staff->get("/api/v1/residents/sign-up-progress?node=" + std::to_string(node("xi-si"))).status, 404);
    EXPECT_EQ(staff->get("/api/v1/residents/sign-up-progress?node=999999").status, 404);
  }
  EXPECT_EQ(issue(*signed_in("admin"), xi_si).status, 201);
  // Residents hold neither permission.
  auto resident = signed_in("resident");
  EXPECT_EQ(issue(*resident, building("desheng-xincun")).status, 403);
  EXPECT_EQ(resident->get("/api/v1/residents/sign-up-progress?node=" + std::to_string(node("desheng-xincun"))).status,
            403);
  auto nobody = anonymous();
  EXPECT_EQ(issue(*nobody, building("desheng-xincun")).status, 401);
  EXPECT_EQ(nobody->get("/api/v1/residents/invitations?compound=" + std::to_string(node("desheng-xincun"))).status,
            401);
  EXPECT_EQ(nobody->get("/api/v1/residents/invitation-requests?compound=1").status, 401);
  EXPECT_EQ(nobody->post("/api/v1/residents/invitation-requests/1/confirm", std::string("")).status, 401);
  EXPECT_EQ(nobody->post("/api/v1/residents/invitation-requests/1/refuse", std::string("")).status, 401);
  EXPECT_EQ(nobody->get("/api/v1/residents/sign-up-progress?node=1").status, 401);
  EXPECT_EQ(count("SELECT COUNT(*) FROM invitation_batches"), 1);
}

TEST_F(InvitationsTest, UnderTheConfirmationPolicyTheCommunityConfirmsThePhoneFirst) {
  settings_.invitation_needs_confirmation = true;
  serve();
  auto parts = parts_of(building("desheng-xincun"));
  std::int64_t confirmed = phoneless("desheng-xincun", "王小明", parts[0]);
  std::int64_t refused = phoneless("desheng-xincun", "李小红", parts[1]);
  auto staff = signed_in("commissioner");
  Reply issued = issue(*staff, building("desheng-xincun"));
  ASSERT_EQ(issued.status, 201) << issued.body;
  ASSERT_EQ(issued.json()["letters"].size(), 2u);
  std::string first = issued.json()["letters"][0]["code"];
  std::string second = issued.json()["letters"][1]["code"];
  auto resident = anonymous();
  Reply waiting = redeem_for(*resident, first, "19900005555", confirmed);
  ASSERT_EQ(waiting.status, 202) << waiting.body;
  EXPECT_EQ(waiting.json()["pending"], true);
  EXPECT_EQ(waiting.headers.count("set-cookie"), 0u);
  EXPECT_EQ(phone_index_of(confirmed), std::nullopt);
  // The phone waits sealed, never in clear.
  EXPECT_EQ(count("SELECT COUNT(*) FROM invitation_requests WHERE phone_enc LIKE '%19900005555%'"), 0);
  manual_.advance(std::chrono::minutes(2));
  ASSERT_EQ(redeem_for(*resident, second, "19900007777", refused).status, 202);

  // On the commissioner's 今日待办, and listed for the compound.
  Reply today = staff->get("/api/v1/me/today");
  ASSERT_EQ(today.status, 200) << today.body;
  bool listed = false;
  json today_items = today.json()["items"];
  for (const auto& item : today_items) {
    if (item["kind"] != "residents.invitation_request") continue;
    listed = true;
    EXPECT_EQ(item["count"], 2);
    EXPECT_EQ(item["node"]["id"], node("desheng-xincun"));
  }
  EXPECT_TRUE(listed) << today.body;
  Reply requests =
      staff->get("/api/v1/residents/invitation-requests?compound=" + std::to_string(node("desheng-xincun")));
  ASSERT_EQ(requests.status, 200) << requests.body;
  json items = requests.json()["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["person_id"], confirmed);
  EXPECT_EQ(items[0]["phone"], "199****5555");
  EXPECT_EQ(items[0]["name"], "王*明");
  std::string id = std::to_string(items[0]["id"].get<std::int64_t>());
  std::string other = std::to_string(items[1]["id"].get<std::int64_t>());
  // The street's admin sees them too.
  EXPECT_EQ(signed_in("admin")
                ->get("/api/v1/residents/invitation-requests?compound=" + std::to_string(node("desheng-xincun")))
                .json()["items"]
                .size(),
            2u);

  Reply confirm = staff->post("/api/v1/residents/invitation-requests/" + id + "/confirm", std::string(""));
  ASSERT_EQ(confirm.status, 200) << confirm.body;
  EXPECT_EQ(confirm.json()["state"], "confirmed");
  EXPECT_EQ(phone_index_of(confirmed), data_key().blind_index("19900005555"));
  EXPECT_EQ(staff->post("/api/v1/residents/invitation-requests/" + id + "/refuse", std::string("")).status, 409);
  Reply refuse = staff->post("/api/v1/residents/invitation-requests/" + other + "/refuse", std::string(""));
  ASSERT_EQ(refuse.status, 200) << refuse.body;
  EXPECT_EQ(refuse.json()["state"], "refused");
  EXPECT_EQ(phone_index_of(refused), std::nullopt);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action IN ('residents.invitation.request', "
                  "'residents.invitation.confirm', 'residents.invitation.refuse')"),
            4);
  EXPECT_EQ(staff->get("/api/v1/residents/invitation-requests?compound=" + std::to_string(node("desheng-xincun")))
                .json()["items"]
                .size(),
            0u);

  // Confirmed, the resident signs in by phone.
  auto later = anonymous();
  ASSERT_EQ(later->post("/api/v1/session/sms-code", json{{"phone", "19900005555"}}).status, 202);
  Reply by_phone = later->post("/api/v1/session", json{{"phone", "19900005555"}, {"code", last_code("19900005555")}});
  ASSERT_EQ(by_phone.status, 200) << by_phone.body;
}

TEST_F(InvitationsTest, ProgressCountsHouseholdsWithSomeoneSignedUpByPhone) {
  auto staff = signed_in("secretary");
  std::string compound = std::to_string(node("desheng-xincun"));
  Reply before = staff->get("/api/v1/residents/sign-up-progress?node=" + compound);
  ASSERT_EQ(before.status, 200) << before.body;
  json answer = before.json();
  std::int64_t households = 0;
  for (std::int64_t id : {building("desheng-xincun", "1幢"), building("desheng-xincun", "2幢")})
    households += static_cast<std::int64_t>(parts_of(id).size());
  EXPECT_EQ(answer["households"], households);
  // The demo resident signs in with a password: no sign-up by phone.
  EXPECT_EQ(answer["signed_up"], 0);
  ASSERT_EQ(answer["compounds"].size(), 1u);
  EXPECT_EQ(answer["compounds"][0]["compound"], "德胜新村");
  ASSERT_EQ(answer["compounds"][0]["buildings"].size(), 2u);
  EXPECT_EQ(answer["compounds"][0]["buildings"][0]["building"], "1幢");

  auto parts = parts_of(building("desheng-xincun"));
  std::int64_t person = phoneless("desheng-xincun", "王小明", parts[0]);
  auto commissioner = signed_in("commissioner");
  std::string letter = letter_for(*commissioner);
  auto resident = anonymous();
  ASSERT_EQ(redeem_for(*resident, letter, "19900005555", person).status, 200);
  json after = staff->get("/api/v1/residents/sign-up-progress?node=" + compound).json();
  EXPECT_EQ(after["signed_up"], 1);
  EXPECT_EQ(after["compounds"][0]["buildings"][0]["signed_up"], 1);
  EXPECT_EQ(after["compounds"][0]["buildings"][1]["signed_up"], 0);

  // A community: each of its compounds.
  json community = staff->get("/api/v1/residents/sign-up-progress?node=" + std::to_string(node("desheng"))).json();
  EXPECT_EQ(community["node"]["kind"], "community");
  EXPECT_GE(community["compounds"].size(), 2u);
  EXPECT_EQ(community["signed_up"], 1);
  // A building is no place the progress is read for.
  Reply building_node =
      staff->get("/api/v1/residents/sign-up-progress?node=" + std::to_string(building("desheng-xincun")));
  EXPECT_EQ(building_node.status, 404);
  EXPECT_EQ(building_node.error_field(), "node");
}
