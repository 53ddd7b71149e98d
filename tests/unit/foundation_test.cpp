// Time formats, routing, the audit chain hash and the org tree rules.
#include <gtest/gtest.h>

#include "audit/audit.hpp"
#include "core/time.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "modules/org/rules.hpp"

using namespace weizhi;

TEST(Time, IsoUtcRoundTripsWithMilliseconds) {
  auto parsed = parse_iso("2026-11-27T09:46:18.123Z");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(iso_utc(*parsed), "2026-11-27T09:46:18.123Z");
}
TEST(Time, OffsetsAreConvertedToUtc) {
  auto parsed = parse_iso("2026-11-27T17:46:18+08:00");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(iso_utc(*parsed), "2026-11-27T09:46:18.000Z");
}
TEST(Time, MalformedTextIsRejected) {
  EXPECT_FALSE(parse_iso("2026-13-01T00:00:00Z"));
  EXPECT_FALSE(parse_iso("2026-11-27 09:46:18"));
  EXPECT_FALSE(parse_iso("2026-11-27T09:46:18Zjunk"));
}
TEST(Time, OnlyTheYearsTheClockCanHoldAreTaken) {
  // A TimePoint counts nanoseconds in 64 bits, 1677 to 2262: a year past either end would overflow it.
  EXPECT_TRUE(parse_iso("1900-01-01T00:00:00Z"));
  EXPECT_TRUE(parse_iso("2199-12-31T23:59:59.999Z"));
  EXPECT_EQ(iso_utc(*parse_iso("2199-12-31T23:59:59.999Z")), "2199-12-31T23:59:59.999Z");
  for (const char* text : {"1899-12-31T23:59:59Z", "2200-01-01T00:00:00Z", "9999-12-31T00:00:00Z",
                           "0000-01-01T00:00:00Z", "-999-01-01T00:00:00Z"}) {
    EXPECT_FALSE(parse_iso(text)) << text;
  }
  EXPECT_TRUE(parse_date("1900-01-01"));
  EXPECT_TRUE(parse_date("2199-12-31"));
  for (const char* text : {"1899-12-31", "2200-01-01", "9999-12-31", "0000-01-01", "-999-01-01"}) {
    EXPECT_FALSE(parse_date(text)) << text;
    EXPECT_FALSE(street_day_end(text)) << text;
  }
}

TEST(Router, PathParametersAreCaptured) {
  http::Router router;
  router.add(http::Method::Get, "/api/v1/org/nodes/{id}", http::Access::anyone(),
             [](http::Context&) { return http::Response::no_content(); });
  auto match = router.match(http::Method::Get, "/api/v1/org/nodes/42");
  ASSERT_EQ(match.outcome, http::Router::Outcome::Found);
  EXPECT_EQ(match.params["id"], "42");
}
TEST(Router, KnownPathWithAnotherMethodIs405WithAllowedMethods) {
  http::Router router;
  router.add(http::Method::Post, "/api/v1/session", http::Access::anyone(),
             [](http::Context&) { return http::Response::no_content(); });
  router.add(http::Method::Delete, "/api/v1/session", http::Access::signed_in(),
             [](http::Context&) { return http::Response::no_content(); });
  auto match = router.match(http::Method::Put, "/api/v1/session");
  EXPECT_EQ(match.outcome, http::Router::Outcome::MethodNotAllowed);
  EXPECT_EQ(match.allowed.size(), 2u);
}
TEST(Router, UnknownPathIsNotFound) {
  http::Router router;
  EXPECT_EQ(router.match(http::Method::Get, "/api/v1/nope").outcome, http::Router::Outcome::NotFound);
}
TEST(Router, PermissionRoutesMustDeclareAScope) {
  http::Router router;
  EXPECT_THROW(router.add(http::Method::Get, "/x", http::Access::permission("org.read", nullptr),
                          [](http::Context&) { return http::Response::no_content(); }),
               std::logic_error);
}
TEST(Query, PercentEscapesAndPlusAreDecoded) {
  auto query = http::parse_query("name=%E5%BE%B7%E8%83%9C+%E6%96%B0%E6%9D%91&x=1");
  ASSERT_TRUE(query);
  EXPECT_EQ((*query)["name"], "德胜 新村");
  EXPECT_FALSE(http::parse_query("bad=%zz"));
}
namespace {
// A ballot cast from a known address under a known request id, answered 201.
std::pair<http::Request, http::Response> cast_ballot(const std::string& path) {
  http::Request request;
  request.method = http::Method::Post;
  request.path = path;
  request.client_address = "203.0.113.7";
  request.request_id = "abc123";
  http::Response response;
  response.status = 201;
  return {request, response};
}
}  // namespace

TEST(AccessLog, ALineNamesTheClientAndTheRequestId) {
  auto [request, response] = cast_ballot("/api/v1/votes/3/ballots");
  Json fields = http::access_log_fields(request, response, 42, 1.5);
  EXPECT_EQ(fields["client"], "203.0.113.7");
  EXPECT_EQ(fields["request_id"], "abc123");
  EXPECT_EQ(fields["path"], "/api/v1/votes/3/ballots");
  EXPECT_EQ(fields["status"], 201);
}

TEST(AccessLog, ADiscreetLineHasNeitherTheClientNorTheRequestId) {
  auto [request, response] = cast_ballot("/api/v1/elections/3/ballots");
  response.discreet_access_log = true;
  Json fields = http::access_log_fields(request, response, 42, 1.5);
  EXPECT_FALSE(fields.contains("client"));
  EXPECT_FALSE(fields.contains("request_id"));
  EXPECT_EQ(fields.dump().find("203.0.113.7"), std::string::npos);
  EXPECT_EQ(fields["path"], "/api/v1/elections/3/ballots");
}

TEST(Cookies, TheNamedCookieIsFound) {
  http::Request request;
  request.headers = {{"cookie", "a=1; weizhi_session=abc; b=2"}};
  EXPECT_EQ(request.cookie("weizhi_session"), "abc");
  EXPECT_FALSE(request.cookie("missing"));
}

TEST(AuditChain, HashDependsOnEveryFieldAndThePreviousHash) {
  std::string base = audit::chain_hash(1, "t", "admin", "a", "e", "{}", std::string(64, '0'));
  EXPECT_NE(base, audit::chain_hash(2, "t", "admin", "a", "e", "{}", std::string(64, '0')));
  EXPECT_NE(base, audit::chain_hash(1, "t", "admim", "a", "e", "{}", std::string(64, '0')));
  EXPECT_NE(base, audit::chain_hash(1, "t", "admin", "a", "e", "{ }", std::string(64, '0')));
  EXPECT_NE(base, audit::chain_hash(1, "t", "admin", "a", "e", "{}", std::string(64, '1')));
}
TEST(AuditChain, FieldBoundariesCannotBeShifted) {
  EXPECT_NE(audit::chain_hash(1, "t", "ab", "c", "e", "{}", "p"), audit::chain_hash(1, "t", "a", "bc", "e", "{}", "p"));
}

TEST(OrgRules, EachKindHoldsOnlyTheNextKindDown) {
  EXPECT_EQ(org::child_kind(org::NodeKind::Street), org::NodeKind::Community);
  EXPECT_EQ(org::child_kind(org::NodeKind::Compound), org::NodeKind::Building);
  EXPECT_EQ(org::child_kind(org::NodeKind::Unit), org::NodeKind::Part);
  EXPECT_FALSE(org::child_kind(org::NodeKind::Part));
}
TEST(OrgRules, KindCodesRoundTrip) {
  for (auto kind : {org::NodeKind::Street, org::NodeKind::Community, org::NodeKind::Compound, org::NodeKind::Building,
                    org::NodeKind::Unit, org::NodeKind::Part}) {
    EXPECT_EQ(parse_code(org::kNodeKinds, code_of(org::kNodeKinds, kind)), kind);
  }
  EXPECT_FALSE(parse_code(org::kNodeKinds, "castle"));
}
TEST(OrgRules, BlankNamesAreRefused) {
  EXPECT_TRUE(org::name_problem("   "));
  EXPECT_FALSE(org::name_problem("德胜新村"));
}
TEST(OrgRules, ChildPathExtendsTheParentPath) {
  EXPECT_EQ(org::child_path("", 1), "/1/");
  EXPECT_EQ(org::child_path("/1/", 4), "/1/4/");
}

TEST(StreetDate, IsTheDateInShanghai) {
  auto late_evening_utc = *weizhi::parse_iso("2026-03-01T16:30:00Z");
  EXPECT_EQ(weizhi::street_date(late_evening_utc), "2026-03-02");
  EXPECT_EQ(weizhi::street_date(*weizhi::parse_iso("2026-03-01T15:59:59Z")), "2026-03-01");
}

TEST(StreetDate, ADueDayIsMetUntilMidnightInShanghai) {
  auto end = weizhi::street_day_end("2026-03-01");
  ASSERT_TRUE(end);
  EXPECT_EQ(weizhi::iso_utc(*end), "2026-03-01T16:00:00.000Z");
  EXPECT_EQ(weizhi::street_date(*end - std::chrono::milliseconds(1)), "2026-03-01") << "still the due day";
  EXPECT_EQ(weizhi::street_date(*end), "2026-03-02");
  EXPECT_FALSE(weizhi::street_day_end("2026-02-30"));
  EXPECT_FALSE(weizhi::street_day_end("tomorrow"));
}
