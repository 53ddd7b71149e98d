// Device names in the list of signed-in devices, from real User-Agent headers.
#include <gtest/gtest.h>

#include "auth/devices.hpp"

using weizhi::auth::device_label;

TEST(DeviceLabel, WeChatOnAnIPhoneIsWeChatNotSafari) {
  EXPECT_EQ(device_label("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
                         "Gecko) Mobile/15E148 MicroMessenger/8.0.44(0x18002c2f) NetType/WIFI Language/zh_CN"),
            "微信 · iPhone");
}
TEST(DeviceLabel, WeChatOnAndroidIsWeChatNotChrome) {
  EXPECT_EQ(device_label("Mozilla/5.0 (Linux; Android 13; V2219A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, "
                         "like Gecko) Version/4.0 Chrome/111.0.5563.116 Mobile Safari/537.36 XWEB/5317 "
                         "MMWEBSDK/20230805 MicroMessenger/8.0.42.2460(0x28002A3B) WeChat/arm64 Weixin"),
            "微信 · Android");
}
TEST(DeviceLabel, DingTalkOnAndroid) {
  EXPECT_EQ(device_label("Mozilla/5.0 (Linux; U; Android 12; zh-CN; PCLM10 Build/SKQ1.211103.001) AppleWebKit/537.36 "
                         "(KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 Mobile Safari/537.36 AliApp(DingTalk/"
                         "7.0.40) com.alibaba.android.rimet/33240585 Channel/227200 language/zh-CN"),
            "钉钉 · Android");
}
TEST(DeviceLabel, ChromeOnWindowsIsNotSafari) {
  EXPECT_EQ(device_label("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                         "Chrome/120.0.0.0 Safari/537.36"),
            "Chrome · Windows");
}
TEST(DeviceLabel, EdgeIsNotChrome) {
  EXPECT_EQ(device_label("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                         "Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91"),
            "Edge · Windows");
}
TEST(DeviceLabel, SafariOnAMac) {
  EXPECT_EQ(device_label("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                         "Version/17.1 Safari/605.1.15"),
            "Safari · Mac");
}
TEST(DeviceLabel, SafariOnAnIPhoneIsNotAMac) {
  EXPECT_EQ(device_label("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
                         "Gecko) Version/17.1 Mobile/15E148 Safari/604.1"),
            "Safari · iPhone");
}
TEST(DeviceLabel, ChromeOnAnIPhoneSaysCriOS) {
  EXPECT_EQ(device_label("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
                         "Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1"),
            "Chrome · iPhone");
}
TEST(DeviceLabel, FirefoxOnLinux) {
  EXPECT_EQ(device_label("Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"), "Firefox · Linux");
}
TEST(DeviceLabel, OnlyTheSystemOrOnlyTheAppWhenTheOtherIsUnknown) {
  EXPECT_EQ(device_label("SomeKiosk/1.0 (Android 9)"), "Android");
  EXPECT_EQ(device_label("Mozilla/5.0 Firefox/121.0"), "Firefox");
}
TEST(DeviceLabel, NothingKnownIsAnUnknownDevice) {
  EXPECT_EQ(device_label(""), "未知设备");
  EXPECT_EQ(device_label("curl/8.4.0"), "未知设备");
}
