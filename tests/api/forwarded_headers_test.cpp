// The client address the rate limits count by (sign-in failures, SMS codes, invitation letter guesses): headers
// a client writes itself (X-Forwarded-For, Forwarded) never change it unless the server runs behind its proxy
// (behind_tls_proxy), and then only the last X-Forwarded-For hop, the one the proxy appends, does, and only when
// the peer is one of the trusted proxies (trusted_proxies);
// docs/operations.md#the-clients-address-and-sign-in-throttling.
#include "support/sms_api_test.hpp"

using nlohmann::json;
using weizhi::testing::HttpClient;
using weizhi::testing::Reply;
using weizhi::testing::SmsApiTest;

namespace {

// What a client may claim about itself, a different address on each try.
std::vector<std::string> claims(int i) {
  std::string address = "198.51.100." + std::to_string(i + 1);
  return {"X-Forwarded-For: " + address, "Forwarded: for=" + address, "X-Real-IP: " + address};
}

}  // namespace

class ForwardedHeadersTest : public SmsApiTest {
 protected:
  Reply guess_letter(const std::vector<std::string>& headers) {
    return anonymous()->send("POST", "/api/v1/residents/invitations/sms-code",
                             json{{"invitation_code", "ABCD2345"}, {"phone", "19900005555"}}.dump(), headers);
  }
  Reply ask_code(const std::string& phone, const std::vector<std::string>& headers) {
    return anonymous()->send("POST", "/api/v1/session/sms-code", json{{"phone", phone}}.dump(), headers);
  }
  Reply sign_in(const std::string& login, const std::string& password, const std::vector<std::string>& headers) {
    return anonymous()->send("POST", "/api/v1/session", json{{"login", login}, {"password", password}}.dump(), headers);
  }
  // The client address the last sign-in was recorded from.
  std::string last_sign_in_client() {
    auto row = db().read()->query_one(
        "SELECT summary FROM audit_log WHERE action = 'session.create' ORDER BY seq DESC LIMIT 1");
    return row ? json::parse(row->text(0)).value("client", "") : "";
  }
};

TEST_F(ForwardedHeadersTest, LetterGuessesFromOnePeerCountTogetherWhateverAddressTheyClaim) {
  for (int i = 0; i < 20; ++i) ASSERT_EQ(guess_letter(claims(i)).status, 404) << i;
  Reply blocked = guess_letter(claims(20));
  EXPECT_EQ(blocked.status, 429) << blocked.body;
  EXPECT_EQ(guess_letter({}).status, 429);
}

TEST_F(ForwardedHeadersTest, BehindTheProxyLetterGuessesCountByTheLastForwardedHopOnly) {
  settings_.behind_tls_proxy = true;
  serve();
  // The hop the client writes first changes on every try; the one the proxy appends does not.
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(guess_letter({"X-Forwarded-For: 192.0.2." + std::to_string(i) + ", 203.0.113.7"}).status, 404) << i;
  }
  EXPECT_EQ(guess_letter({"X-Forwarded-For: 203.0.113.7"}).status, 429);
  EXPECT_EQ(guess_letter({"Forwarded: for=203.0.113.8", "X-Forwarded-For: 203.0.113.7"}).status, 429)
      << "Forwarded is not read";
  EXPECT_EQ(guess_letter({"X-Forwarded-For: 203.0.113.7, 203.0.113.8"}).status, 404);
}

TEST_F(ForwardedHeadersTest, SmsCodesFromOnePeerCountTogetherWhateverAddressTheyClaim) {
  settings_.sms_codes_per_address_per_hour = 3;
  serve();
  for (int i = 0; i < 3; ++i) ASSERT_EQ(ask_code("1990001000" + std::to_string(i), claims(i)).status, 202) << i;
  Reply fourth = ask_code("19900010009", claims(3));
  EXPECT_EQ(fourth.status, 429) << fourth.body;
  // Behind the proxy, Forwarded still says nothing: the proxy's own hop is the peer's address here.
  settings_.behind_tls_proxy = true;
  serve();
  EXPECT_EQ(ask_code("19900010009", {"Forwarded: for=198.51.100.9"}).status, 429);
}

TEST_F(ForwardedHeadersTest, SignInFailuresFromOnePeerCountTogetherWhateverAddressTheyClaim) {
  settings_.login_failures_per_address_per_minute = 8;
  serve();
  // At most four failures per account, so that the per-login limit blocks none of them.
  const char* accounts[] = {"secretary", "director"};
  for (int i = 0; i < 8; ++i) ASSERT_EQ(sign_in(accounts[i / 4], "wrong-password", claims(i)).status, 401) << i;
  EXPECT_EQ(sign_in("admin", "weizhi-demo", claims(8)).status, 429);
}

TEST_F(ForwardedHeadersTest, TheSignInIsRecordedFromThePeerUnlessTheProxyForwardsIt) {
  ASSERT_EQ(sign_in("admin", "weizhi-demo", claims(0)).status, 200);
  EXPECT_EQ(last_sign_in_client(), "127.0.0.1");
  settings_.behind_tls_proxy = true;
  serve();
  ASSERT_EQ(sign_in("admin", "weizhi-demo", {"Forwarded: for=198.51.100.1", "X-Real-IP: 198.51.100.2"}).status, 200);
  EXPECT_EQ(last_sign_in_client(), "127.0.0.1") << "only X-Forwarded-For is the proxy's word";
  ASSERT_EQ(sign_in("admin", "weizhi-demo", {"X-Forwarded-For: 198.51.100.1, 203.0.113.5"}).status, 200);
  EXPECT_EQ(last_sign_in_client(), "203.0.113.5");
}

TEST_F(ForwardedHeadersTest, APeerOutsideTheTrustedProxiesIsTheClientWhateverItForwards) {
  settings_.behind_tls_proxy = true;
  settings_.trusted_proxies = "10.0.0.0/8, fd00::/8";
  serve();
  ASSERT_EQ(sign_in("admin", "weizhi-demo", {"X-Forwarded-For: 203.0.113.5"}).status, 200);
  EXPECT_EQ(last_sign_in_client(), "127.0.0.1") << "this test's peer, 127.0.0.1, is no trusted proxy";
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(guess_letter({"X-Forwarded-For: 203.0.113." + std::to_string(i)}).status, 404) << i;
  }
  EXPECT_EQ(guess_letter({"X-Forwarded-For: 198.51.100.77"}).status, 429) << "the guesses count by the peer";

  settings_.trusted_proxies = "10.0.0.0/8, 127.0.0.1";
  serve();
  ASSERT_EQ(sign_in("admin", "weizhi-demo", {"X-Forwarded-For: 203.0.113.5"}).status, 200);
  EXPECT_EQ(last_sign_in_client(), "203.0.113.5") << "a listed peer is believed";
}

TEST_F(ForwardedHeadersTest, AMalformedTrustedProxyStopsTheStartNamingTheSetting) {
  settings_.trusted_proxies = "127.0.0.1/8, proxy.local";
  try {
    serve();
    ADD_FAILURE() << "the server started with a host name among its trusted proxies";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("trusted_proxies"), std::string::npos) << error.what();
  }
  settings_.trusted_proxies = "127.0.0.1/8, ::1";
  serve();
  EXPECT_EQ(sign_in("admin", "weizhi-demo", {}).status, 200);
}
