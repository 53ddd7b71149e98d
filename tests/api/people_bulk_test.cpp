// create_people and insert_links, the registry's bulk writes that seed the street: the ids one-by-one
// creation would give, in order, and every refusal of create_person and insert_link, even between
// entries of the same batch or of two of its statements, with nothing written.
#include <fmt/format.h>

#include <functional>

#include "core/error.hpp"
#include "modules/people/store.hpp"
#include "store/bulk.hpp"
#include "support/test_server.hpp"

using weizhi::people::LinkInput;
using weizhi::people::PersonInput;
using weizhi::people::Relation;
using weizhi::store::Tx;
using weizhi::testing::ApiTest;

class PeopleBulkTest : public ApiTest {
 protected:
  // A resident of 德胜新村 with the `n`th of a run of phone numbers no one in the test street has.
  PersonInput resident(int n) {
    return PersonInput{
        node("desheng-xincun"), "测试居民", fmt::format("1390000{:04}", n), std::nullopt, 1980, false, {}, false};
  }
  std::vector<PersonInput> residents(int count) {
    std::vector<PersonInput> inputs;
    for (int n = 0; n < count; ++n) inputs.push_back(resident(n));
    return inputs;
  }

  static std::int64_t largest_id(Tx& tx, const std::string& table) {
    return tx.scalar("SELECT COALESCE(MAX(id), 0) FROM " + table);
  }

  // A part of 德胜新村 whose seeded links `tx` has removed, so it has no designated voter.
  std::int64_t bare_part(Tx& tx) {
    std::int64_t part = tx.scalar(
        "SELECT MIN(n.id) FROM org_nodes n JOIN org_nodes c ON n.path LIKE c.path || '%' "
        "WHERE c.code = 'desheng-xincun' AND n.kind = 'part'");
    tx.exec("DELETE FROM part_links WHERE part_node_id = ?", {part});
    return part;
  }

  // The status and field of the refusal `work` meets; its transaction then writes nothing.
  std::pair<int, std::string> refusal(const std::function<void(Tx&)>& work) {
    return refused_write(work, {"people", "part_links"});
  }
  using Refusal = std::pair<int, std::string>;
};

TEST_F(PeopleBulkTest, PeopleAndLinksGetTheIdsOneByOneCreationWouldGiveThemInOrder) {
  db().transaction([&](Tx& tx) {
    std::int64_t people_before = largest_id(tx, "people");
    auto inputs = residents(3);
    auto ids = weizhi::people::create_people(tx, data_key(), inputs);
    EXPECT_EQ(ids, (std::vector<std::int64_t>{people_before + 1, people_before + 2, people_before + 3}));
    for (std::size_t index = 0; index < ids.size(); ++index) {
      EXPECT_EQ(weizhi::people::find_by_phone(tx.connection(), data_key(), *inputs[index].phone), ids[index]);
    }
    EXPECT_EQ(weizhi::people::create_person(tx, data_key(), resident(3)), people_before + 4);

    std::int64_t part = bare_part(tx);
    std::int64_t links_before = largest_id(tx, "part_links");
    weizhi::people::insert_links(tx, {LinkInput{part, ids[0], Relation::Owner, true, std::nullopt},
                                      LinkInput{part, ids[1], Relation::Tenant, false, std::nullopt}});
    auto rows = tx.query("SELECT id, person_id, relation, designated_voter FROM part_links WHERE id > ? ORDER BY id",
                         {links_before});
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].i64(0), links_before + 1);
    EXPECT_EQ(rows[0].i64(1), ids[0]);
    EXPECT_EQ(rows[0].text(2), "owner");
    EXPECT_EQ(rows[0].i64(3), 1);
    EXPECT_EQ(rows[1].i64(0), links_before + 2);
    EXPECT_EQ(rows[1].i64(1), ids[1]);
    EXPECT_EQ(rows[1].text(2), "tenant");
    EXPECT_EQ(weizhi::people::insert_link(tx, LinkInput{part, ids[2], Relation::Owner, false, std::nullopt}),
              links_before + 3);
  });
}

TEST_F(PeopleBulkTest, ABadFieldStopsTheWholeBatchNamingIt) {
  auto inputs = residents(2);
  inputs[1].phone = "12345";
  EXPECT_EQ(refusal([&](Tx& tx) { weizhi::people::create_people(tx, data_key(), inputs); }), Refusal(400, "phone"));
  inputs = residents(2);
  inputs[0].id_number = "110105194912310021";
  EXPECT_EQ(refusal([&](Tx& tx) { weizhi::people::create_people(tx, data_key(), inputs); }), Refusal(400, "id_number"));
}

TEST_F(PeopleBulkTest, APhoneAlreadyRegisteredOrGivenTwiceIs409EvenInTheBatchsNextStatement) {
  EXPECT_EQ(refusal([&](Tx& tx) {
              weizhi::people::create_person(tx, data_key(), resident(7));
              weizhi::people::create_people(tx, data_key(), {resident(7)});
            }),
            Refusal(409, "phone"));
  auto inputs = residents(2);
  inputs[1].phone = "+86 " + *inputs[0].phone;
  EXPECT_EQ(refusal([&](Tx& tx) { weizhi::people::create_people(tx, data_key(), inputs); }), Refusal(409, "phone"));
  inputs = residents(static_cast<int>(weizhi::store::kRowsPerInsert) + 50);
  inputs.back().phone = inputs.front().phone;
  EXPECT_EQ(refusal([&](Tx& tx) { weizhi::people::create_people(tx, data_key(), inputs); }), Refusal(409, "phone"));
}

TEST_F(PeopleBulkTest, AHomeThatIsNoCompoundOrCommunityIs422AndAMissingOne404) {
  auto inputs = residents(1);
  EXPECT_EQ(refusal([&](Tx& tx) {
              inputs[0].home_node_id = bare_part(tx);
              weizhi::people::create_people(tx, data_key(), inputs);
            }),
            Refusal(422, "home_node_id"));
  inputs[0].home_node_id = 987654321;
  EXPECT_EQ(refusal([&](Tx& tx) { weizhi::people::create_people(tx, data_key(), inputs); }),
            Refusal(404, "home_node_id"));
}

TEST_F(PeopleBulkTest, LinksAreRefusedAsOneByOneLinkingRefusesThem) {
  // Each batch links new people to a bare part, one link of it wrong.
  auto refused = [&](const std::function<void(std::vector<LinkInput>&, std::int64_t part)>& spoil) {
    return refusal([&](Tx& tx) {
      auto ids = weizhi::people::create_people(tx, data_key(), residents(2));
      std::int64_t part = bare_part(tx);
      std::vector<LinkInput> links{LinkInput{part, ids[0], Relation::Owner, false, std::nullopt},
                                   LinkInput{part, ids[1], Relation::Owner, false, std::nullopt}};
      spoil(links, part);
      weizhi::people::insert_links(tx, links);
    });
  };
  EXPECT_EQ(refused([](auto& links, auto) { links.push_back(links[0]); }), Refusal(409, "person_id"));
  EXPECT_EQ(refused([](auto& links, auto) { links[0].designated_voter = links[1].designated_voter = true; }),
            Refusal(409, "designated_voter"));
  EXPECT_EQ(refused([](auto& links, auto) {
              links[1].relation = Relation::Tenant;
              links[1].designated_voter = true;
            }),
            Refusal(422, "designated_voter"));
  EXPECT_EQ(refused([](auto& links, auto) { links[1].person_id = 987654321; }), Refusal(404, "person_id"));
  EXPECT_EQ(refused([&](auto& links, auto) { links[1].part_node_id = node("desheng-xincun"); }),
            Refusal(422, "part_id"));
}

TEST_F(PeopleBulkTest, ASecondDesignatedVoterInTheBatchsNextStatementIs409) {
  EXPECT_EQ(refusal([&](Tx& tx) {
              auto ids = weizhi::people::create_people(tx, data_key(),
                                                       residents(static_cast<int>(weizhi::store::kRowsPerInsert) + 20));
              std::int64_t part = bare_part(tx);
              std::vector<LinkInput> links;
              for (std::int64_t id : ids) links.push_back(LinkInput{part, id, Relation::Owner, false, std::nullopt});
              links.front().designated_voter = links.back().designated_voter = true;
              weizhi::people::insert_links(tx, links);
            }),
            Refusal(409, "designated_voter"));
}
