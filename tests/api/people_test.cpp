// The people registry over HTTP: creating and changing people, masking by default, unmasking
// with a logged reason, exact search by blind index, part links with designated voters, and the
// resident's own households.
#include <functional>

#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;
using weizhi::testing::Reply;

class PeopleTest : public ApiTest {
 protected:
  json wang_xiaoming() {
    return json{{"home_node_id", node("desheng-xincun")},
                {"name", "王小明"},
                {"phone", "13812345678"},
                {"id_number", "11010519491231002X"},
                {"birth_year", 1949},
                {"party_member", true},
                {"tags", {"gold_mediator"}}};
  }

  std::int64_t create(HttpClient& client, const json& body) {
    Reply reply = client.post("/api/v1/people", body);
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.status == 201 ? reply.json()["id"].get<std::int64_t>() : 0;
  }

  // 王小明 registered by the street admin with `change` made to the body: refused with `status` naming `field`,
  // and nobody registered.
  void expect_refused(long status, const std::string& field, const std::function<void(json&)>& change) {
    std::int64_t before = rows_in("people");
    json body = wang_xiaoming();
    change(body);
    Reply reply = signed_in("admin")->post("/api/v1/people", body);
    EXPECT_EQ(reply.status, status) << reply.body;
    EXPECT_EQ(reply.error_field(), field);
    EXPECT_EQ(rows_in("people"), before);
  }

  std::string person_path(std::int64_t id) { return "/api/v1/people/" + std::to_string(id); }
  std::string links_path(std::int64_t part_id) { return "/api/v1/parts/" + std::to_string(part_id) + "/links"; }

  // The parts of the demo street in id order, inside the node with `code` or outside it.
  std::vector<std::int64_t> parts(const std::string& code, bool inside = true) {
    auto lease = db().read();
    std::string path = lease->query_one("SELECT path FROM org_nodes WHERE code = ?", {code})->text(0);
    std::vector<std::int64_t> ids;
    for (const auto& row : lease->query(std::string("SELECT id FROM org_nodes WHERE kind = 'part' AND path ") +
                                            (inside ? "" : "NOT ") + "LIKE ? ORDER BY id",
                                        {path + "%"})) {
      ids.push_back(row.i64(0));
    }
    EXPECT_FALSE(ids.empty()) << "no parts " << (inside ? "in " : "outside ") << code;
    return ids;
  }

  // A part of 德胜新村 other than the demo resident's, with the links the seed gave it removed.
  std::int64_t bare_part() {
    std::int64_t part = parts("desheng-xincun").back();
    db().transaction([&](weizhi::store::Tx& tx) { tx.exec("DELETE FROM part_links WHERE part_node_id = ?", {part}); });
    return part;
  }

  // The part of the compound with `code` whose address key is `key`.
  std::int64_t part_at(const std::string& code, const std::string& key) {
    auto lease = db().read();
    std::string path = lease->query_one("SELECT path FROM org_nodes WHERE code = ?", {code})->text(0);
    auto row = lease->query_one(
        "SELECT p.node_id FROM parts p JOIN org_nodes n ON n.id = p.node_id WHERE p.address_key = ? AND n.path LIKE ?",
        {key, path + "%"});
    EXPECT_TRUE(row.has_value()) << "no part " << key << " in " << code;
    return row ? row->i64(0) : 0;
  }

  // The ids a people search under the node with `code` lists for the typed `q`, every byte percent-encoded.
  std::vector<std::int64_t> found(HttpClient& client, const std::string& code, const std::string& q) {
    std::string encoded;
    for (unsigned char c : q) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      encoded += {'%', kHex[c >> 4], kHex[c & 15]};
    }
    Reply reply = client.get("/api/v1/people?limit=200&node=" + std::to_string(node(code)) + "&q=" + encoded);
    EXPECT_EQ(reply.status, 200) << q << ": " << reply.body;
    std::vector<std::int64_t> ids;
    json items = reply.status == 200 ? reply.json()["items"] : json::array();
    for (const auto& item : items) ids.push_back(item["id"].get<std::int64_t>());
    return ids;
  }
  static bool has(const std::vector<std::int64_t>& ids, std::int64_t id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }

  json audit_of(const std::string& entity) {
    return signed_in("supervisor")->get("/api/v1/audit?entity=" + entity).json()["items"];
  }
};

// --- Creating and reading ---

TEST_F(PeopleTest, CreatedPersonIsShownMasked) {
  auto admin = signed_in("admin");
  Reply reply = admin->post("/api/v1/people", wang_xiaoming());
  ASSERT_EQ(reply.status, 201) << reply.body;
  json person = reply.json();
  EXPECT_EQ(person["name"], "王*明");
  EXPECT_EQ(person["phone"], "138****5678");
  EXPECT_EQ(person["id_number"], "110***********002X");
  EXPECT_EQ(person["birth_year"], 1949);
  EXPECT_EQ(person["party_member"], true);
  EXPECT_EQ(person["tags"], json({"gold_mediator"}));
  EXPECT_EQ(person["home_node_id"], node("desheng-xincun"));
}

TEST_F(PeopleTest, FetchedPersonIsMaskedWithLinks) {
  auto admin = signed_in("admin");
  std::int64_t id = create(*admin, wang_xiaoming());
  Reply reply = admin->get(person_path(id));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json()["name"], "王*明");
  EXPECT_EQ(reply.json()["phone"], "138****5678");
  EXPECT_EQ(reply.json()["links"], json::array());
  EXPECT_EQ(reply.body.find("王小明"), std::string::npos);
  EXPECT_EQ(reply.body.find("13812345678"), std::string::npos);
}

TEST_F(PeopleTest, PersonalDataIsStoredEncrypted) {
  auto admin = signed_in("admin");
  std::int64_t id = create(*admin, wang_xiaoming());
  auto lease = db().read();
  auto row = lease->query_one(
      "SELECT name_enc, phone_enc, id_number_enc, name_index, phone_index FROM people WHERE id = ?", {id});
  ASSERT_TRUE(row);
  for (std::size_t column = 0; column < row->size(); ++column) {
    EXPECT_EQ(row->text(column).find("王小明"), std::string::npos);
    EXPECT_EQ(row->text(column).find("13812345678"), std::string::npos);
    EXPECT_EQ(row->text(column).find("11010519491231002X"), std::string::npos);
  }
}

TEST_F(PeopleTest, CreationIsAuditedWithoutPersonalValues) {
  auto admin = signed_in("admin");
  std::int64_t id = create(*admin, wang_xiaoming());
  json entries = audit_of("person:" + std::to_string(id));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0]["action"], "person.create");
  std::string summary = entries[0]["summary"].dump();
  EXPECT_EQ(summary.find("13812345678"), std::string::npos);
  EXPECT_EQ(summary.find("王小明"), std::string::npos);
}

TEST_F(PeopleTest, GridMemberMayRegisterPeopleInTheCommunity) {
  auto grid = signed_in("grid");
  EXPECT_EQ(grid->post("/api/v1/people", wang_xiaoming()).status, 201);
}

TEST_F(PeopleTest, BadPhoneIs400NamingItAndWritesNothing) {
  expect_refused(400, "phone", [](json& body) { body["phone"] = "12812345678"; });
}

TEST_F(PeopleTest, IdNumberWithWrongCheckDigitIs400) {
  expect_refused(400, "id_number", [](json& body) { body["id_number"] = "110105194912310021"; });
}

TEST_F(PeopleTest, EmptyNameIs400) {
  expect_refused(400, "name", [](json& body) { body["name"] = " "; });
}

TEST_F(PeopleTest, BirthYearBefore1900Is400) {
  expect_refused(400, "birth_year", [](json& body) { body["birth_year"] = 1899; });
}

TEST_F(PeopleTest, UnknownTalentTagIs400) {
  expect_refused(400, "tags", [](json& body) { body["tags"] = {"astronaut"}; });
}

TEST_F(PeopleTest, UnknownFieldIs400) {
  expect_refused(400, "nickname", [](json& body) { body["nickname"] = "小明"; });
}

TEST_F(PeopleTest, MissingHomeNodeIs400) {
  expect_refused(400, "home_node_id", [](json& body) { body.erase("home_node_id"); });
}

TEST_F(PeopleTest, HomeNodeThatIsAPartIs422) {
  std::int64_t part = parts("desheng-xincun").front();
  expect_refused(422, "home_node_id", [&](json& body) { body["home_node_id"] = part; });
}

TEST_F(PeopleTest, PhoneAlreadyRegisteredIs409) {
  auto admin = signed_in("admin");
  create(*admin, wang_xiaoming());
  json other = wang_xiaoming();
  other["name"] = "李四";
  other["phone"] = "+86 138 1234 5678";
  other.erase("id_number");
  Reply reply = admin->post("/api/v1/people", other);
  EXPECT_EQ(reply.status, 409);
  EXPECT_EQ(reply.error_field(), "phone");
}

TEST_F(PeopleTest, AnonymousIs401) {
  auto client = anonymous();
  EXPECT_EQ(client->get("/api/v1/people").status, 401);
  EXPECT_EQ(client->get("/api/v1/people/1").status, 401);
  EXPECT_EQ(client->post("/api/v1/people", wang_xiaoming()).status, 401);
  EXPECT_EQ(client->patch("/api/v1/people/1", json{{"birth_year", 1950}}).status, 401);
  EXPECT_EQ(client->post("/api/v1/people/1/unmask", json{{"reason", "核实选民资格"}}).status, 401);
  EXPECT_EQ(client->get("/api/v1/parts/1/links").status, 401);
  EXPECT_EQ(client->post("/api/v1/parts/1/links", json{{"person_id", 1}, {"relation", "owner"}}).status, 401);
  EXPECT_EQ(client->del("/api/v1/parts/1/links/1").status, 401);
  EXPECT_EQ(client->get("/api/v1/me/households").status, 401);
}

TEST_F(PeopleTest, ResidentMayNotReadOrRegisterPeople) {
  auto resident = signed_in("resident");
  EXPECT_EQ(resident->get("/api/v1/people?node=" + std::to_string(node("desheng-xincun"))).status, 403);
  EXPECT_EQ(resident->post("/api/v1/people", wang_xiaoming()).status, 403);
}

TEST_F(PeopleTest, CommissionerMayNotSeeSomeoneRegisteredAtTheCommunity) {
  auto admin = signed_in("admin");
  json worker = wang_xiaoming();
  worker["home_node_id"] = node("desheng");
  std::int64_t id = create(*admin, worker);
  auto commissioner = signed_in("commissioner");
  EXPECT_EQ(commissioner->get(person_path(id)).status, 403);
  EXPECT_EQ(commissioner->patch(person_path(id), json{{"birth_year", 1950}}).status, 403);
}

TEST_F(PeopleTest, CommissionerMayNotRegisterAtTheCommunity) {
  json worker = wang_xiaoming();
  worker["home_node_id"] = node("desheng");
  EXPECT_EQ(signed_in("commissioner")->post("/api/v1/people", worker).status, 403);
}

TEST_F(PeopleTest, MissingPersonIs404) {
  auto admin = signed_in("admin");
  EXPECT_EQ(admin->get("/api/v1/people/999999").status, 404);
  EXPECT_EQ(admin->get("/api/v1/people/abc").status, 404);
  EXPECT_EQ(admin->patch("/api/v1/people/999999", json{{"birth_year", 1950}}).status, 404);
}

// --- Search ---

TEST_F(PeopleTest, SearchMatchesAFullNameExactly) {
  auto admin = signed_in("admin");
  std::int64_t id = create(*admin, wang_xiaoming());
  json whole = admin->get("/api/v1/people?q=王小明").json();
  ASSERT_EQ(whole["items"].size(), 1u);
  EXPECT_EQ(whole["items"][0]["id"], id);
  EXPECT_EQ(whole["items"][0]["name"], "王*明");
  EXPECT_EQ(admin->get("/api/v1/people?q=王小").json()["items"].size(), 0u);
}

TEST_F(PeopleTest, SearchFindsAPhoneWrittenAnyWay) {
  auto admin = signed_in("admin");
  std::int64_t id = create(*admin, wang_xiaoming());
  json found = admin->get("/api/v1/people?q=138-1234-5678").json();
  ASSERT_EQ(found["items"].size(), 1u);
  EXPECT_EQ(found["items"][0]["id"], id);
}

TEST_F(PeopleTest, SearchStaysInsideTheNode) {
  auto admin = signed_in("admin");
  json worker = wang_xiaoming();
  worker["home_node_id"] = node("desheng");
  create(*admin, worker);
  EXPECT_EQ(admin->get("/api/v1/people?q=王小明&node=" + std::to_string(node("desheng"))).json()["items"].size(), 1u);
  EXPECT_EQ(admin->get("/api/v1/people?q=王小明&node=" + std::to_string(node("desheng-xincun"))).json()["items"].size(),
            0u);
}

TEST_F(PeopleTest, CommissionerSearchesOwnCompoundOnly) {
  auto commissioner = signed_in("commissioner");
  EXPECT_EQ(commissioner->get("/api/v1/people?node=" + std::to_string(node("desheng-xincun"))).status, 200);
  EXPECT_EQ(commissioner->get("/api/v1/people").status, 403);
}

TEST_F(PeopleTest, SearchFiltersByTalentTag) {
  auto admin = signed_in("admin");
  std::int64_t id = create(*admin, wang_xiaoming());
  json found = admin->get("/api/v1/people?tag=gold_mediator&limit=200").json();
  bool listed = false;
  for (const auto& item : found["items"]) {
    EXPECT_NE(std::find(item["tags"].begin(), item["tags"].end(), "gold_mediator"), item["tags"].end());
    listed = listed || item["id"] == id;
  }
  EXPECT_TRUE(listed);
}

TEST_F(PeopleTest, UnknownTagOrBlankQueryIs400) {
  auto admin = signed_in("admin");
  EXPECT_EQ(admin->get("/api/v1/people?tag=astronaut").error_field(), "tag");
  EXPECT_EQ(admin->get("/api/v1/people?q=%20").error_field(), "q");
  EXPECT_EQ(admin->get("/api/v1/people?limit=0").error_field(), "limit");
}

TEST_F(PeopleTest, SearchFindsWhoIsLinkedToAnAddressHoweverItIsWritten) {
  auto admin = signed_in("admin");
  std::int64_t person = create(*admin, wang_xiaoming());
  std::int64_t part = part_at("desheng-xincun", "1-1-101");
  ASSERT_EQ(admin->post(links_path(part), json{{"person_id", person}, {"relation", "resident"}}).status, 201);
  for (const char* q : {"1-1-101", "1幢1单元101室", "１栋１单元１０１", "1号楼1单元101号", "1幢1单元", "1-1-10", "1幢",
                        "德胜新村 1-1-101", "德胜1幢1单元101"}) {
    EXPECT_TRUE(has(found(*admin, "desheng-xincun", q), person)) << q;
  }
  for (const char* q : {"1-1-102", "2幢1单元101", "1幢2单元", "11-1-101", "1-1-1011", "西四苑 1-1-101"}) {
    EXPECT_FALSE(has(found(*admin, "desheng-xincun", q), person)) << q;
  }
}

TEST_F(PeopleTest, AnAddressSearchFindsNothingOfAnotherCompound) {
  auto admin = signed_in("admin");
  json elsewhere = wang_xiaoming();
  elsewhere["home_node_id"] = node("xi-si");
  std::int64_t person = create(*admin, elsewhere);
  ASSERT_EQ(
      admin->post(links_path(part_at("desheng-xincun", "1-1-101")), json{{"person_id", person}, {"relation", "tenant"}})
          .status,
      201);
  // 西四苑 has a 1-1-101 of its own: the person lives in 西四苑 but not there, and 德胜新村 does not hold them.
  EXPECT_FALSE(has(found(*admin, "xi-si", "1-1-101"), person));
  EXPECT_FALSE(has(found(*admin, "desheng-xincun", "1-1-101"), person));
  EXPECT_TRUE(has(found(*admin, "street", "1-1-101"), person));

  auto commissioner = signed_in("commissioner");
  std::vector<std::int64_t> own = found(*commissioner, "desheng-xincun", "1-1-101");
  EXPECT_FALSE(own.empty());
  for (std::int64_t id : own) {
    json places = admin->get(person_path(id)).json()["links"];
    EXPECT_TRUE(std::any_of(places.begin(), places.end(), [](const json& link) {
      return link["compound"] == "德胜新村" && link["building"] == "1幢" && link["unit"] == "1单元" &&
             link["room"] == "101";
    })) << id;
  }
  EXPECT_EQ(commissioner->get("/api/v1/people?q=1-1-101&node=" + std::to_string(node("xi-si"))).status, 403);
}

TEST_F(PeopleTest, LikeWildcardsInAnAddressSearchAreTakenAsWritten) {
  auto admin = signed_in("admin");
  EXPECT_FALSE(found(*admin, "street", "德胜 1-1-101").empty());
  // Read as wildcards, "%" and "_" would match every compound's name.
  EXPECT_TRUE(found(*admin, "street", "% 1-1-101").empty());
  EXPECT_TRUE(found(*admin, "street", "_ 1-1-101").empty());
  EXPECT_TRUE(found(*admin, "street", "德胜% 1-1-101").empty());
  EXPECT_TRUE(found(*admin, "street", "德_新村 1-1-101").empty());
}

TEST_F(PeopleTest, AnOverlongAddressIs400NamingQ) {
  auto admin = signed_in("admin");
  Reply reply = admin->get("/api/v1/people?q=1-1-101" + std::string(100, '0'));
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_field(), "q");
}

TEST_F(PeopleTest, TheListShowsEachPersonsHomeAndAddressesAndTheTotal) {
  auto admin = signed_in("admin");
  std::int64_t person = create(*admin, wang_xiaoming());
  std::int64_t part = part_at("desheng-xincun", "1-1-102");
  ASSERT_EQ(admin->post(links_path(part), json{{"person_id", person}, {"relation", "resident"}}).status, 201);
  ASSERT_EQ(admin->post(links_path(part), json{{"person_id", person}, {"relation", "tenant"}}).status, 201);
  json listed = admin->get("/api/v1/people?q=王小明").json();
  EXPECT_EQ(listed["total"], 1);
  ASSERT_EQ(listed["items"].size(), 1u);
  json item = listed["items"][0];
  EXPECT_EQ(item["home_name"], "德胜新村");
  ASSERT_EQ(item["places"].size(), 1u);
  EXPECT_EQ(item["places"][0]["part_id"], part);
  EXPECT_EQ(item["places"][0]["compound"], "德胜新村");
  EXPECT_EQ(item["places"][0]["compound_id"], node("desheng-xincun"));
  EXPECT_EQ(item["places"][0]["address"], "1幢 1单元 102");

  json page = admin->get("/api/v1/people?limit=2&node=" + std::to_string(node("desheng-xincun"))).json();
  auto lease = db().read();
  std::string path = lease->query_one("SELECT path FROM org_nodes WHERE code = 'desheng-xincun'")->text(0);
  EXPECT_EQ(page["total"], lease->scalar("SELECT COUNT(*) FROM people p JOIN org_nodes n ON n.id = p.home_node_id "
                                         "WHERE n.path LIKE ?",
                                         {path + "%"}));
  EXPECT_GT(page["total"].get<std::int64_t>(), 2);
}

TEST_F(PeopleTest, ListIsPagedById) {
  auto admin = signed_in("admin");
  json first = admin->get("/api/v1/people?limit=2").json();
  ASSERT_EQ(first["items"].size(), 2u);
  ASSERT_TRUE(first["next_cursor"].is_string());
  json second = admin->get("/api/v1/people?limit=2&cursor=" + first["next_cursor"].get<std::string>()).json();
  ASSERT_FALSE(second["items"].empty());
  EXPECT_GT(second["items"][0]["id"].get<std::int64_t>(), first["items"][1]["id"].get<std::int64_t>());
}

// --- Changing ---

TEST_F(PeopleTest, PatchChangesOnlyTheFieldsSent) {
  auto admin = signed_in("admin");
  std::int64_t id = create(*admin, wang_xiaoming());
  Reply reply = admin->patch(person_path(id), json{{"phone", "13900001111"}, {"id_number", nullptr}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json()["phone"], "139****1111");
  EXPECT_TRUE(reply.json()["id_number"].is_null());
  EXPECT_EQ(reply.json()["name"], "王*明");
  EXPECT_EQ(reply.json()["birth_year"], 1949);
  EXPECT_EQ(admin->get("/api/v1/people?q=13900001111").json()["items"].size(), 1u);
}

TEST_F(PeopleTest, PatchIsAuditedByFieldNamesOnly) {
  auto admin = signed_in("admin");
  std::int64_t id = create(*admin, wang_xiaoming());
  admin->patch(person_path(id), json{{"phone", "13900001111"}});
  json entries = audit_of("person:" + std::to_string(id));
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0]["action"], "person.update");
  EXPECT_EQ(entries[0]["summary"]["fields"], json({"phone"}));
  EXPECT_EQ(entries[0]["summary"].dump().find("13900001111"), std::string::npos);
}

TEST_F(PeopleTest, BadPatchIs400AndChangesNothing) {
  auto admin = signed_in("admin");
  std::int64_t id = create(*admin, wang_xiaoming());
  Reply reply = admin->patch(person_path(id), json{{"name", "王大明"}, {"birth_year", 3000}});
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_field(), "birth_year");
  EXPECT_EQ(admin->get("/api/v1/people?q=王小明").json()["items"].size(), 1u);
}

TEST_F(PeopleTest, MovingAPersonNeedsWriteOnTheNewHome) {
  auto admin = signed_in("admin");
  std::int64_t id = create(*admin, wang_xiaoming());
  Reply reply = signed_in("commissioner")->patch(person_path(id), json{{"home_node_id", node("desheng")}});
  EXPECT_EQ(reply.status, 403);
}

// --- Unmasking ---

TEST_F(PeopleTest, SecretaryUnmasksWithAReason) {
  std::int64_t id = create(*signed_in("admin"), wang_xiaoming());
  Reply reply = signed_in("secretary")->post(person_path(id) + "/unmask", json{{"reason", "核实业主大会选民资格"}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json()["name"], "王小明");
  EXPECT_EQ(reply.json()["phone"], "13812345678");
  EXPECT_EQ(reply.json()["id_number"], "11010519491231002X");
}

TEST_F(PeopleTest, UnmaskingIsAuditedWithTheReasonButNotTheValues) {
  std::int64_t id = create(*signed_in("admin"), wang_xiaoming());
  signed_in("director")->post(person_path(id) + "/unmask", json{{"reason", "核实业主大会选民资格"}});
  json entries = audit_of("person:" + std::to_string(id));
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0]["action"], "person.unmask");
  EXPECT_EQ(entries[0]["actor"], "director");
  EXPECT_EQ(entries[0]["summary"]["reason"], "核实业主大会选民资格");
  std::string summary = entries[0]["summary"].dump();
  EXPECT_EQ(summary.find("13812345678"), std::string::npos);
  EXPECT_EQ(summary.find("王小明"), std::string::npos);
}

TEST_F(PeopleTest, CommissionerMayNotUnmask) {
  std::int64_t id = create(*signed_in("admin"), wang_xiaoming());
  auto commissioner = signed_in("commissioner");
  EXPECT_EQ(commissioner->post(person_path(id) + "/unmask", json{{"reason", "核实业主大会选民资格"}}).status, 403);
  EXPECT_EQ(commissioner->get(person_path(id)).json()["can_unmask"], false);
}

TEST_F(PeopleTest, UnmaskWithoutAProperReasonIs400AndNotAudited) {
  std::int64_t id = create(*signed_in("admin"), wang_xiaoming());
  auto secretary = signed_in("secretary");
  EXPECT_EQ(secretary->post(person_path(id) + "/unmask", json::object()).error_field(), "reason");
  EXPECT_EQ(secretary->post(person_path(id) + "/unmask", json{{"reason", "看看"}}).error_field(), "reason");
  EXPECT_EQ(audit_of("person:" + std::to_string(id)).size(), 1u);
}

TEST_F(PeopleTest, UnmaskingAMissingPersonIs404) {
  EXPECT_EQ(
      signed_in("secretary")->post("/api/v1/people/999999/unmask", json{{"reason", "核实业主大会选民资格"}}).status,
      404);
}

// --- Part links ---

TEST_F(PeopleTest, LinksAnOwnerToAPart) {
  auto admin = signed_in("admin");
  std::int64_t person = create(*admin, wang_xiaoming());
  std::int64_t part = bare_part();
  Reply reply = admin->post(links_path(part), json{{"person_id", person}, {"relation", "owner"}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.json()["name"], "王*明");
  json listed = admin->get(links_path(part)).json()["items"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["person_id"], person);
  EXPECT_EQ(listed[0]["relation"], "owner");
  json links = admin->get(person_path(person)).json()["links"];
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0]["part_id"], part);
  EXPECT_EQ(links[0]["compound"], "德胜新村");
}

TEST_F(PeopleTest, SameLinkTwiceIs409) {
  auto admin = signed_in("admin");
  std::int64_t person = create(*admin, wang_xiaoming());
  std::int64_t part = bare_part();
  admin->post(links_path(part), json{{"person_id", person}, {"relation", "owner"}});
  EXPECT_EQ(admin->post(links_path(part), json{{"person_id", person}, {"relation", "owner"}}).status, 409);
}

TEST_F(PeopleTest, SecondDesignatedVoterOfAPartIs409) {
  auto admin = signed_in("admin");
  std::int64_t husband = create(*admin, wang_xiaoming());
  json wife_body = wang_xiaoming();
  wife_body["name"] = "李秀英";
  wife_body["phone"] = "13912345678";
  std::int64_t wife = create(*admin, wife_body);
  std::int64_t part = bare_part();
  EXPECT_EQ(admin
                ->post(links_path(part), json{{"person_id", husband},
                                              {"relation", "owner"},
                                              {"designated_voter", true},
                                              {"proxy_reference", "委托书2024-017"}})
                .status,
            201);
  Reply second =
      admin->post(links_path(part), json{{"person_id", wife}, {"relation", "owner"}, {"designated_voter", true}});
  EXPECT_EQ(second.status, 409);
  EXPECT_EQ(second.error_field(), "designated_voter");
  EXPECT_EQ(admin->post(links_path(part), json{{"person_id", wife}, {"relation", "owner"}}).status, 201);
  EXPECT_EQ(admin->get(links_path(part)).json()["items"].size(), 2u);
}

TEST_F(PeopleTest, TenantCannotBeTheDesignatedVoter) {
  auto admin = signed_in("admin");
  std::int64_t person = create(*admin, wang_xiaoming());
  Reply reply = admin->post(links_path(bare_part()),
                            json{{"person_id", person}, {"relation", "tenant"}, {"designated_voter", true}});
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(reply.error_field(), "designated_voter");
}

TEST_F(PeopleTest, LinkToANodeThatIsNotAPartIs422) {
  auto admin = signed_in("admin");
  std::int64_t person = create(*admin, wang_xiaoming());
  Reply reply = admin->post(links_path(node("desheng-xincun")), json{{"person_id", person}, {"relation", "owner"}});
  EXPECT_EQ(reply.status, 422);
}

TEST_F(PeopleTest, BadLinkInputIs400AndWritesNothing) {
  auto admin = signed_in("admin");
  std::int64_t person = create(*admin, wang_xiaoming());
  std::int64_t part = bare_part();
  EXPECT_EQ(admin->post(links_path(part), json{{"person_id", person}, {"relation", "landlord"}}).error_field(),
            "relation");
  EXPECT_EQ(admin->post(links_path(part), json{{"relation", "owner"}}).error_field(), "person_id");
  EXPECT_EQ(admin->get(links_path(part)).json()["items"].size(), 0u);
}

TEST_F(PeopleTest, LinkToMissingPartOrPersonIs404) {
  auto admin = signed_in("admin");
  std::int64_t person = create(*admin, wang_xiaoming());
  EXPECT_EQ(admin->post(links_path(999999), json{{"person_id", person}, {"relation", "owner"}}).status, 404);
  Reply missing_person = admin->post(links_path(bare_part()), json{{"person_id", 999999}, {"relation", "owner"}});
  EXPECT_EQ(missing_person.status, 404);
  EXPECT_EQ(missing_person.error_field(), "person_id");
  EXPECT_EQ(admin->get(links_path(999999)).status, 404);
  EXPECT_EQ(admin->get(links_path(node("desheng-xincun"))).status, 404);
}

TEST_F(PeopleTest, DeletingALinkRemovesItOnce) {
  auto admin = signed_in("admin");
  std::int64_t person = create(*admin, wang_xiaoming());
  std::int64_t part = bare_part();
  std::int64_t link = admin->post(links_path(part), json{{"person_id", person}, {"relation", "tenant"}}).json()["id"];
  EXPECT_EQ(admin->del(links_path(part) + "/" + std::to_string(link)).status, 204);
  EXPECT_EQ(admin->get(links_path(part)).json()["items"].size(), 0u);
  EXPECT_EQ(admin->del(links_path(part) + "/" + std::to_string(link)).status, 404);
  json entries = audit_of("part_link:" + std::to_string(link));
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0]["action"], "part.link.delete");
}

TEST_F(PeopleTest, LinkOfAnotherPartIsNotDeleted) {
  auto admin = signed_in("admin");
  std::int64_t person = create(*admin, wang_xiaoming());
  std::int64_t part = bare_part();
  std::int64_t link = admin->post(links_path(part), json{{"person_id", person}, {"relation", "tenant"}}).json()["id"];
  std::int64_t other_part = parts("desheng-xincun").front();
  EXPECT_EQ(admin->del(links_path(other_part) + "/" + std::to_string(link)).status, 404);
  EXPECT_EQ(admin->get(links_path(part)).json()["items"].size(), 1u);
}

TEST_F(PeopleTest, CommissionerMayNotTouchLinksOutsideTheCompound) {
  auto commissioner = signed_in("commissioner");
  std::int64_t elsewhere = parts("desheng-xincun", false).front();
  EXPECT_EQ(commissioner->get(links_path(elsewhere)).status, 403);
  EXPECT_EQ(commissioner->post(links_path(elsewhere), json{{"person_id", 1}, {"relation", "owner"}}).status, 403);
  EXPECT_EQ(commissioner->get(links_path(parts("desheng-xincun").front())).status, 200);
}

TEST_F(PeopleTest, PartySecretaryMayReadLinksButNotChangeThem) {
  auto party = signed_in("party");
  std::int64_t part = parts("desheng-xincun").front();
  EXPECT_EQ(party->get(links_path(part)).status, 200);
  EXPECT_EQ(party->post(links_path(part), json{{"person_id", 1}, {"relation", "owner"}}).status, 403);
}

// --- The resident's own households ---

TEST_F(PeopleTest, ResidentSeesTheirOwnHousehold) {
  Reply reply = signed_in("resident")->get("/api/v1/me/households");
  ASSERT_EQ(reply.status, 200) << reply.body;
  json households = reply.json();
  EXPECT_TRUE(households["person_id"].is_number_integer());
  ASSERT_FALSE(households["items"].empty());
  json first = households["items"][0];
  EXPECT_EQ(first["relation"], "owner");
  EXPECT_EQ(first["compound_id"], node("desheng-xincun"));
  EXPECT_EQ(first["compound"], "德胜新村");
  EXPECT_TRUE(first["room"].is_string());
  EXPECT_TRUE(first["building"].is_string());
  EXPECT_TRUE(first["unit"].is_string());
}

TEST_F(PeopleTest, AccountWithoutAPersonHasNoHouseholds) {
  json households = signed_in("admin")->get("/api/v1/me/households").json();
  EXPECT_TRUE(households["person_id"].is_null());
  EXPECT_EQ(households["items"], json::array());
}

// --- The demo seed ---

TEST_F(PeopleTest, SeedGivesEveryHomePartAnOwner) {
  auto lease = db().read();
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM parts p WHERE p.use IN ('residential', 'commercial') AND NOT EXISTS "
                          "(SELECT 1 FROM part_links l WHERE l.part_node_id = p.node_id AND l.relation = 'owner')"),
            0);
  EXPECT_GT(lease->scalar("SELECT COUNT(*) FROM people WHERE is_developer = 1"), 0);
}
