// The built web app: files with cache headers, single-page-app fallback, API paths never fall back.
#include <filesystem>
#include <fstream>

#include "support/test_server.hpp"

using weizhi::testing::ApiTest;

class StaticFilesTest : public ApiTest {
 protected:
  void write(const std::string& relative, const std::string& content) {
    std::filesystem::path path = std::filesystem::path(settings_.web_root) / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << content;
  }
};

TEST_F(StaticFilesTest, IndexIsServedAndRevalidated) {
  write("index.html", "<html>console</html>");
  auto reply = anonymous()->get("/");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "<html>console</html>");
  EXPECT_NE(reply.headers["content-type"].find("text/html"), std::string::npos);
  EXPECT_EQ(reply.headers["cache-control"], "no-cache");
}

TEST_F(StaticFilesTest, HashedAssetsAreCachedForAYear) {
  write("assets/app-3f2a.js", "console.log(1)");
  auto reply = anonymous()->get("/assets/app-3f2a.js");
  EXPECT_EQ(reply.status, 200);
  EXPECT_NE(reply.headers["content-type"].find("javascript"), std::string::npos);
  EXPECT_NE(reply.headers["cache-control"].find("immutable"), std::string::npos);
}

TEST_F(StaticFilesTest, ClientRoutesFallBackToTheirApp) {
  write("index.html", "console");
  write("m/index.html", "mobile");
  EXPECT_EQ(anonymous()->get("/compounds/12").body, "console");
  EXPECT_EQ(anonymous()->get("/m/me").body, "mobile");
}

TEST_F(StaticFilesTest, MissingAssetIs404NotThePage) {
  write("index.html", "console");
  EXPECT_EQ(anonymous()->get("/assets/gone.js").status, 404);
}

TEST_F(StaticFilesTest, ApiPathsNeverFallBackToThePage) {
  write("index.html", "console");
  auto reply = anonymous()->get("/api/v1/nothing-here");
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(reply.error_code(), "not_found");
}

TEST_F(StaticFilesTest, PathTraversalIsRefused) {
  write("index.html", "console");
  auto reply = anonymous()->get("/%2e%2e/%2e%2e/etc/passwd");
  EXPECT_EQ(reply.body.find("root:"), std::string::npos);
}
