// Notification rules: the retry schedule, which robot URLs are accepted and how their key is
// masked, the WeCom payload (escaped, cut to 2048 bytes on a character boundary) and the reading
// of a robot's reply.
#include <gtest/gtest.h>

#include <functional>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "modules/notifications/rules.hpp"

using namespace weizhi::notifications;
using weizhi::ApiError;
using weizhi::code_of;
using weizhi::parse_code;

namespace {

std::string url_check(const std::string& url) {
  try {
    check_webhook_url(url);
  } catch (const ApiError& error) {
    return std::to_string(error.status()) + " " + error.field();
  }
  return "accepted";
}

}  // namespace

TEST(NotificationRules, RetriesWaitOneTwoFourEightSixteenMinutesThenGiveUp) {
  EXPECT_EQ(retry_delay(1), std::chrono::minutes(1));
  EXPECT_EQ(retry_delay(2), std::chrono::minutes(2));
  EXPECT_EQ(retry_delay(3), std::chrono::minutes(4));
  EXPECT_EQ(retry_delay(4), std::chrono::minutes(8));
  EXPECT_EQ(retry_delay(5), std::chrono::minutes(16));
  EXPECT_EQ(retry_delay(6), std::nullopt);
  EXPECT_EQ(retry_delay(7), std::nullopt);
}

TEST(NotificationRules, DeliveryStatesRoundTrip) {
  for (auto state : {DeliveryState::Pending, DeliveryState::Delivered, DeliveryState::Failed}) {
    EXPECT_EQ(parse_code(kDeliveryStates, code_of(kDeliveryStates, state)), state);
  }
  EXPECT_EQ(parse_code(kDeliveryStates, "sent"), std::nullopt);
}

TEST(NotificationRules, HttpsUrlsAreAccepted) {
  EXPECT_EQ(url_check("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"), "accepted");
  EXPECT_EQ(url_check("https://robot.example.cn:8443/hook"), "accepted");
}

TEST(NotificationRules, PlainHttpOnlyToTheLoopback) {
  EXPECT_EQ(url_check("http://127.0.0.1:4567/hook"), "accepted");
  EXPECT_EQ(url_check("http://localhost/hook?key=1"), "accepted");
  EXPECT_EQ(url_check("http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"), "400 url");
  EXPECT_EQ(url_check("http://127.0.0.1.evil.cn/hook"), "400 url");
  EXPECT_EQ(url_check("http://127.0.0.1@evil.cn/hook"), "400 url");
}

TEST(NotificationRules, OtherSchemesSpacesAndEmptyHostsAreRefused) {
  EXPECT_EQ(url_check(""), "400 url");
  EXPECT_EQ(url_check("ftp://example.cn/x"), "400 url");
  EXPECT_EQ(url_check("file:///etc/passwd"), "400 url");
  EXPECT_EQ(url_check("https:///path"), "400 url");
  EXPECT_EQ(url_check("https://example.cn/a b"), "400 url");
  EXPECT_EQ(url_check("https://user:pw@example.cn/"), "400 url");
  EXPECT_EQ(url_check("https://example.cn/" + std::string(1000, 'a')), "400 url");
}

TEST(NotificationRules, MaskingHidesTheKeyButItsLastFourCharacters) {
  EXPECT_EQ(mask_url("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"),
            "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=****5aaa");
  EXPECT_EQ(mask_url("https://h/send?debug=1&key=0123456789&x=2"), "https://h/send?debug=1&key=****6789&x=2");
  // A short key shows nothing of itself.
  EXPECT_EQ(mask_url("https://h/send?key=abc"), "https://h/send?key=****");
  EXPECT_EQ(mask_url("https://h/send?monkey=1"), "https://h/send?monkey=1");
  EXPECT_EQ(mask_url("https://h/send"), "https://h/send");
}

TEST(NotificationRules, DingTalkAccessTokensAreMaskedAsWeComKeysAre) {
  EXPECT_EQ(mask_url("https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef"),
            "https://oapi.dingtalk.com/robot/send?access_token=****cdef");
  EXPECT_EQ(mask_url("https://h/send?my_access_token=0123456789"), "https://h/send?my_access_token=0123456789");
}

TEST(NotificationRules, ChannelsRoundTripAndOnlyDingTalksSign) {
  for (Channel channel : {Channel::WeCom, Channel::DingTalk, Channel::Zhengding}) {
    EXPECT_EQ(parse_code(kChannels, code_of(kChannels, channel)), channel);
  }
  EXPECT_EQ(code_of(kChannels, Channel::Zhengding), "zhengding");
  EXPECT_FALSE(parse_code(kChannels, "feishu"));
  EXPECT_FALSE(channel_signs(Channel::WeCom));
  EXPECT_TRUE(channel_signs(Channel::DingTalk));
  EXPECT_TRUE(channel_signs(Channel::Zhengding));
}

// DingTalk's documentation gives the recipe but no worked example; this vector was computed apart
// from this code, by Python's hmac and base64 modules and by `openssl dgst -sha256 -hmac` piped to
// `base64`, both giving WkhwWv/d9lDN+iQSL1g+x4dWEUFe/9+W28zhERrfbFU= for the timestamp
// 1700000000015 and this secret; chosen for holding '+', '/' and '=', which the URL must encode.
TEST(NotificationRules, DingTalkSignsTheTimestampAndSecretWithTheSecret) {
  std::string secret = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd";
  EXPECT_EQ(dingtalk_sign(secret, 1700000000015), "WkhwWv%2Fd9lDN%2BiQSL1g%2Bx4dWEUFe%2F9%2BW28zhERrfbFU%3D");
  EXPECT_EQ(dingtalk_sign(secret, 1700000000000), "8SZas7RY4E7wuOlgLfjLwHSKZpyUEdXdLvFYSDZiiFw%3D");
}

TEST(NotificationRules, ASecretIsPrintableAsciiOfAtMost200Bytes) {
  EXPECT_NO_THROW(check_robot_secret("SEC0123456789abcdef+/="));
  for (std::string bad :
       {std::string("SEC 123"), std::string("SEC\n123"), std::string("密钥"), std::string(201, 'a')}) {
    try {
      check_robot_secret(bad);
      ADD_FAILURE() << bad;
    } catch (const ApiError& error) {
      EXPECT_EQ(error.status(), 400);
      EXPECT_EQ(error.field(), "secret");
    }
  }
}

TEST(NotificationRules, OnlyASigningChannelWithASecretGetsTheTimestampAndSign) {
  std::string url = "https://oapi.dingtalk.com/robot/send?access_token=abc";
  std::string secret = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd";
  EXPECT_EQ(request_url(Channel::DingTalk, url, secret, 1700000000000),
            url + "&timestamp=1700000000000&sign=8SZas7RY4E7wuOlgLfjLwHSKZpyUEdXdLvFYSDZiiFw%3D");
  EXPECT_EQ(request_url(Channel::Zhengding, "https://h/send", secret, 1700000000000),
            "https://h/send?timestamp=1700000000000&sign=8SZas7RY4E7wuOlgLfjLwHSKZpyUEdXdLvFYSDZiiFw%3D");
  EXPECT_EQ(request_url(Channel::DingTalk, url, "", 1700000000000), url);
  EXPECT_EQ(request_url(Channel::WeCom, url, secret, 1700000000000), url);
}

TEST(NotificationRules, PayloadIsTheRobotsTextMessageEscaped) {
  Message message{"case.escalated", "事项\"升级\"", "第一行\n第二行\t\\", "/cases/12", 7};
  std::string content = robot_content(message);
  EXPECT_EQ(content, "【事项\"升级\"】\n第一行\n第二行\t\\\n/cases/12");
  std::string payload = robot_payload(content);
  EXPECT_EQ(payload, R"({"msgtype":"text","text":{"content":"【事项\"升级\"】\n第一行\n第二行\t\\\n/cases/12"}})");
  EXPECT_EQ(nlohmann::json::parse(payload)["text"]["content"], content);
}

TEST(NotificationRules, ContentIsCutTo2048BytesOnACharacterBoundary) {
  std::string body;
  for (int i = 0; i < 1000; ++i) body += "汉";  // 3 bytes each
  std::string content = robot_content(Message{"k", "标题", body, "", std::nullopt});
  EXPECT_LE(content.size(), kMaxContentBytes);
  EXPECT_GT(content.size(), kMaxContentBytes - 3);
  EXPECT_TRUE(nlohmann::json::parse(robot_payload(content)).is_object());
  EXPECT_EQ(truncate_utf8("ab汉", 4), "ab");
  EXPECT_EQ(truncate_utf8("ab汉", 5), "ab汉");
  EXPECT_EQ(truncate_utf8("abc", 10), "abc");
}

TEST(NotificationRules, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  std::string content = robot_content(Message{"k", "坏\xff字节", "", "", std::nullopt});
  EXPECT_EQ(content, "【坏\xEF\xBF\xBD字节】");
}

TEST(NotificationRules, A2xxWithErrcodeZeroOrNoneIsDelivered) {
  EXPECT_TRUE(interpret_reply(200, R"({"errcode":0,"errmsg":"ok"})").delivered);
  EXPECT_TRUE(interpret_reply(204, "").delivered);
  EXPECT_TRUE(interpret_reply(200, "ok").delivered);
}

TEST(NotificationRules, AnErrcodeOrANon2xxOrNoReplyIsAnError) {
  auto refused = interpret_reply(200, R"({"errcode":93000,"errmsg":"invalid webhook url"})");
  EXPECT_FALSE(refused.delivered);
  EXPECT_EQ(refused.error, "errcode 93000: invalid webhook url");
  auto server_error = interpret_reply(500, "boom");
  EXPECT_FALSE(server_error.delivered);
  EXPECT_EQ(server_error.error, "HTTP 500: boom");
  auto unreachable = interpret_reply(0, "", "连接失败：Couldn't connect to server");
  EXPECT_FALSE(unreachable.delivered);
  EXPECT_EQ(unreachable.error, "连接失败：Couldn't connect to server");
  EXPECT_FALSE(interpret_reply(200, R"({"errcode":[[[[1]]]]})").delivered);
}
