// The SMS vendors' request signatures against the worked examples of their public documentation, and
// the reading of their replies.
#include <gtest/gtest.h>

#include "core/percent_encode.hpp"
#include "modules/residents/signing.hpp"

using namespace weizhi::residents;
using weizhi::percent_encode;

namespace {

std::string header(const Pairs& headers, const std::string& name) {
  for (const auto& [key, value] : headers)
    if (key == name) return value;
  return "";
}

}  // namespace

// Tencent Cloud, 签名方法 v3 (TC3-HMAC-SHA256), the worked example of querying CVM instances in
// Guangzhou: https://www.tencentcloud.com/zh/document/api/1021/34193. Its published inputs and
// signature, in both editions of the page: the older one's keys end in EXAMPLE, the current one's in *******.
TEST(ResidentsSigning, TencentMatchesTheDocumentationsExample) {
  TencentCall call{
      .secret_id = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
      .secret_key = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
      .service = "cvm",
      .host = "cvm.tencentcloudapi.com",
      .content_type = "application/json; charset=utf-8",
      .payload = R"({"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]})",
      .timestamp = 1551113065};
  EXPECT_EQ(tencent_authorization(call),
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, "
            "SignedHeaders=content-type;host, "
            "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
  call.secret_id = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******";
  call.secret_key = "Gu5t9xGARNpq86cd98joQYCN3*******";
  EXPECT_EQ(tencent_authorization(call),
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, "
            "SignedHeaders=content-type;host, "
            "Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c");
  call.payload += " ";
  EXPECT_EQ(tencent_authorization(call).find("2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c"),
            std::string::npos);
}

// Alibaba Cloud, V3 版本请求体&签名机制 (ACS3-HMAC-SHA256), the worked example with fixed parameters
// (ECS RunInstances in cn-shanghai): https://help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature.
// Its published inputs, canonical query, headers and signature.
TEST(ResidentsSigning, AliyunMatchesTheDocumentationsExample) {
  AliyunCall call{
      .access_key_id = "YourAccessKeyId",
      .access_key_secret = "YourAccessKeySecret",
      .host = "ecs.cn-shanghai.aliyuncs.com",
      .action = "RunInstances",
      .version = "2014-05-26",
      .query = {{"RegionId", "cn-shanghai"}, {"ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"}},
      .body = "",
      .date = "2023-10-26T10:22:32Z",
      .nonce = "3156853299f313e23d1673dc12e1703d"};
  EXPECT_EQ(aliyun_query(call), "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai");
  Pairs headers = aliyun_headers(call);
  EXPECT_EQ(header(headers, "x-acs-content-sha256"),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(header(headers, "authorization"),
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,"
            "SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"
            "Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
  EXPECT_EQ(headers.back().first, "authorization");
  call.nonce = "3156853299f313e23d1673dc12e1703e";
  EXPECT_EQ(header(aliyun_headers(call), "authorization").find("06563a9e1b43f5df"), std::string::npos);
}

TEST(ResidentsSigning, PercentEncodingKeepsOnlyTheUnreservedCharacters) {
  EXPECT_EQ(percent_encode("AZaz09-_.~"), "AZaz09-_.~");
  EXPECT_EQ(percent_encode("a b*c+"), "a%20b%2Ac%2B");
  EXPECT_EQ(percent_encode("{\"code\":\"123456\"}"), "%7B%22code%22%3A%22123456%22%7D");
  EXPECT_EQ(percent_encode("微治"), "%E5%BE%AE%E6%B2%BB");
}

TEST(ResidentsSigning, AnAliyunSendIsSortedAndEncodedInTheQuery) {
  AliyunCall call;
  call.query = {{"TemplateParam", R"({"code":"123456"})"}, {"PhoneNumbers", "13800001111"}, {"SignName", "微治"}};
  EXPECT_EQ(aliyun_query(call),
            "PhoneNumbers=13800001111&SignName=%E5%BE%AE%E6%B2%BB&TemplateParam=%7B%22code%22%3A%22123456%22%7D");
}

TEST(ResidentsSigning, RepliesAcceptedOnlyWhenTheVendorSaysSo) {
  EXPECT_EQ(aliyun_refusal(200, R"({"Code":"OK","Message":"OK","BizId":"9006197469364984^0"})"), std::nullopt);
  EXPECT_EQ(aliyun_refusal(200, R"({"Code":"isv.BUSINESS_LIMIT_CONTROL","Message":"触发流控"})"),
            "isv.BUSINESS_LIMIT_CONTROL 触发流控");
  EXPECT_EQ(aliyun_refusal(502, "<html>Bad Gateway</html>"), "短信服务答复 HTTP 502");
  EXPECT_EQ(tencent_refusal(200, R"({"Response":{"SendStatusSet":[{"Code":"Ok","Message":"send success"}]}})"),
            std::nullopt);
  EXPECT_EQ(
      tencent_refusal(
          200,
          R"({"Response":{"SendStatusSet":[{"Code":"LimitExceeded.PhoneNumberDailyLimit","Message":"超出日限"}]}})"),
      "LimitExceeded.PhoneNumberDailyLimit 超出日限");
  EXPECT_EQ(
      tencent_refusal(200, R"({"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"签名错误"}}})"),
      "AuthFailure.SignatureFailure 签名错误");
  EXPECT_EQ(tencent_refusal(200, "not json"), "短信服务答复 HTTP 200");
}
