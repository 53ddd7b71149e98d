// The built web app: files with cache headers, single-page-app fallback, API paths never fall back,
// and nothing outside the web root is ever served.
#include <filesystem>
#include <fstream>

#include "core/crypto.hpp"
#include "support/escaping_paths.hpp"
#include "support/test_server.hpp"

using weizhi::testing::ApiTest;
using weizhi::testing::paths_escaping_to;

class StaticFilesTest : public ApiTest {
 protected:
  void write(const std::string& relative, const std::string& content) {
    std::filesystem::path path = std::filesystem::path(settings_.web_root) / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << content;
  }

  // A file next to the web root, not in it, holding a marker no page contains.
  std::string plant_secret() {
    secret_ = "weizhi-secret-" + weizhi::crypto::random_hex(8);
    secret_path_ = folder_ + "/secret.txt";
    std::ofstream(secret_path_) << secret_;
    return secret_path_;
  }

  // 404 (or 400 for a malformed URL), and neither the planted secret nor /etc/passwd.
  void expect_refused(const std::string& path) {
    auto reply = anonymous()->get(path);
    EXPECT_TRUE(reply.status == 404 || reply.status == 400) << path << " → " << reply.status;
    EXPECT_EQ(reply.body.find("root:"), std::string::npos) << path << " served /etc/passwd";
    EXPECT_EQ(reply.body.find(secret_), std::string::npos) << path << " served the secret";
  }

  std::string secret_ = "weizhi-secret-unset";
  std::string secret_path_;
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

TEST_F(StaticFilesTest, PathsOutOfTheWebRootAre404OnEveryPrefixAndNeverTheFile) {
  write("index.html", "console");
  write("m/index.html", "mobile");
  write("assets/app.js", "app");
  std::vector<std::string> paths = paths_escaping_to("/etc/passwd");
  for (const auto& path : paths_escaping_to(plant_secret())) paths.push_back(path);
  for (const auto& path : paths) {
    for (const std::string prefix : {"", "/m", "/assets"}) expect_refused(prefix + path);
  }
}

TEST_F(StaticFilesTest, SymlinkInTheWebRootToAFileOutsideIs404) {
  write("index.html", "console");
  write("m/index.html", "mobile");
  std::string secret = plant_secret();
  std::filesystem::path root = settings_.web_root;
  std::filesystem::create_directories(root / "assets");
  std::filesystem::create_symlink(secret, root / "leak.txt");
  std::filesystem::create_symlink(secret, root / "assets" / "leak.js");
  std::filesystem::create_symlink(secret, root / "m" / "leak.html");
  std::filesystem::create_directory_symlink(folder_, root / "outside");
  std::filesystem::create_symlink("../secret.txt", root / "relative.txt");
  for (const std::string path :
       {"/leak.txt", "/assets/leak.js", "/m/leak.html", "/outside/secret.txt", "/outside/", "/relative.txt"}) {
    expect_refused(path);
  }
}

TEST_F(StaticFilesTest, SymlinkInsideTheWebRootIsFollowed) {
  write("index.html", "console");
  std::filesystem::create_symlink("index.html", std::filesystem::path(settings_.web_root) / "start.html");
  auto reply = anonymous()->get("/start.html");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "console");
}
