// Durability under SIGKILL: a real `weizhi serve` process ($WEIZHI_BIN) is killed mid-write five
// times; every write it answered 201 must survive each restart, and the audit chain must verify.
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <curl/curl.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/http_client.hpp"

namespace {

using weizhi::testing::HttpClient;
using weizhi::testing::Reply;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr int kCycles = 5;
constexpr int kWriters = 4;
constexpr auto kStartTimeout = 20s;
constexpr auto kStopTimeout = 30s;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string tail(const std::string& text, std::size_t bytes = 4000) {
  return text.size() <= bytes ? text : text.substr(text.size() - bytes);
}

// Forks and execs `args` with `env` (NAME=VALUE) overriding this process's environment; the
// child's stdout goes to `out`, its stderr to `err` (both appended). Returns the child's pid.
pid_t spawn(const std::vector<std::string>& args, const std::vector<std::string>& env, const fs::path& out,
            const fs::path& err) {
  // Everything the child needs is built before fork: only async-signal-safe calls after it.
  std::vector<std::string> environment = env;
  for (char** entry = environ; *entry; ++entry) {
    std::string text = *entry;
    std::string name = text.substr(0, text.find('='));
    bool overridden = false;
    for (const auto& added : env) overridden = overridden || added.substr(0, added.find('=')) == name;
    if (!overridden) environment.push_back(text);
  }
  std::vector<char*> argv, envp;
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  for (const auto& entry : environment) envp.push_back(const_cast<char*>(entry.c_str()));
  envp.push_back(nullptr);
  int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  int in_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (out_fd < 0 || err_fd < 0 || in_fd < 0) throw std::runtime_error("cannot open the child's output files");
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in_fd, STDIN_FILENO);
    ::dup2(out_fd, STDOUT_FILENO);
    ::dup2(err_fd, STDERR_FILENO);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(out_fd);
  ::close(err_fd);
  ::close(in_fd);
  if (pid < 0) throw std::runtime_error("fork failed");
  return pid;
}

// Waits for `pid` up to `timeout`; returns its wait status, or nullopt if it is still running.
std::optional<int> wait_for_exit(pid_t pid, std::chrono::steady_clock::duration timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return status;
    if (done < 0) return std::nullopt;
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(20ms);
  }
}

// Runs a command to completion; returns its exit code (-1 if it did not exit normally).
int run(const std::vector<std::string>& args, const std::vector<std::string>& env, const fs::path& out,
        const fs::path& err) {
  pid_t pid = spawn(args, env, out, err);
  auto status = wait_for_exit(pid, 120s);
  if (!status) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    return -1;
  }
  return WIFEXITED(*status) ? WEXITSTATUS(*status) : -1;
}

unsigned short free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("cannot find a free port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

struct Node {
  std::int64_t id;
  std::string name;
};

class CrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const char* bin = std::getenv("WEIZHI_BIN");
    ASSERT_TRUE(bin && *bin) << "set WEIZHI_BIN to the path of the weizhi binary (make test does)";
    bin_ = fs::absolute(bin).string();
    ASSERT_TRUE(fs::exists(bin_)) << "WEIZHI_BIN does not exist: " << bin_;
    std::string pattern = (fs::temp_directory_path() / "weizhi-crash-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    folder_ = pattern;
    key_file_ = folder_ / "data.key";
    database_ = "sqlite:" + (folder_ / "crash.db").string();
    log_ = folder_ / "weizhi.log";
  }

  void TearDown() override {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (folder_.empty()) return;
    if (!HasFailure())
      fs::remove_all(folder_);
    else
      std::cerr << "crash test folder kept for inspection: " << folder_ << "\n";
  }

  std::vector<std::string> env() const { return {"WEIZHI_DATA_KEY_FILE=" + key_file_.string()}; }

  // Starts `weizhi serve` on a fresh port and waits until /healthz answers 200.
  void start_server() {
    port_ = free_port();
    std::string listen = "127.0.0.1:" + std::to_string(port_);
    pid_ = spawn({bin_, "serve", "--db", database_, "--listen", listen}, env(), log_, log_);
    HttpClient probe(base_url());
    auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (probe.get("/healthz").status == 200) return;
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        FAIL() << "weizhi serve exited during start-up; log:\n" << tail(read_file(log_));
      }
      std::this_thread::sleep_for(50ms);
    }
    FAIL() << "weizhi serve did not answer /healthz within 20 s; log:\n" << tail(read_file(log_));
  }

  void kill_server() {
    ASSERT_EQ(::kill(pid_, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(pid_, &status, 0), pid_);
    pid_ = -1;
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the server ended before it was killed";
  }

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  std::unique_ptr<HttpClient> admin() {
    auto client = std::make_unique<HttpClient>(base_url());
    Reply reply = client->login("admin", "weizhi-demo");
    EXPECT_EQ(reply.status, 200) << reply.body;
    return client;
  }

  // The id of the compound 德胜新村, found by walking down from admin's scope (the street).
  std::int64_t find_compound(HttpClient& client) {
    Reply me = client.get("/api/v1/me");
    EXPECT_EQ(me.status, 200) << me.body;
    std::vector<std::int64_t> frontier{me.json()["roles"][0]["scope_node_id"].get<std::int64_t>()};
    while (!frontier.empty()) {
      std::vector<std::int64_t> next;
      for (std::int64_t id : frontier) {
        Reply children = client.get("/api/v1/org/nodes/" + std::to_string(id) + "/children");
        EXPECT_EQ(children.status, 200) << children.body;
        auto page = children.json();
        for (const auto& node : page["items"]) {
          if (node["kind"] == "compound" && node["name"] == "德胜新村") return node["id"].get<std::int64_t>();
          if (node["kind"] == "community") next.push_back(node["id"].get<std::int64_t>());
        }
      }
      frontier = std::move(next);
    }
    ADD_FAILURE() << "compound 德胜新村 not found under admin's scope";
    return 0;
  }

  // Every node that was answered 201 must be there, with its name.
  void expect_all_present(const std::vector<Node>& nodes) {
    auto client = admin();
    int missing = 0;
    for (const auto& node : nodes) {
      Reply reply = client->get("/api/v1/org/nodes/" + std::to_string(node.id));
      if (reply.status != 200 || reply.json()["name"] != node.name) {
        if (++missing <= 10) {
          ADD_FAILURE() << "acknowledged node " << node.id << " (" << node.name
                        << ") missing or changed: " << reply.status << " " << reply.body;
        }
      }
    }
    EXPECT_EQ(missing, 0) << "of " << nodes.size() << " acknowledged nodes";
  }

  std::string bin_;
  fs::path folder_;
  fs::path key_file_;
  fs::path log_;
  std::string database_;
  unsigned short port_ = 0;
  pid_t pid_ = -1;
};

TEST_F(CrashTest, AcknowledgedWritesSurviveSigkillAndTheAuditChainStaysIntact) {
  fs::path setup_log = folder_ / "setup.log";
  ASSERT_EQ(run({bin_, "keygen", key_file_.string()}, {}, setup_log, setup_log), 0) << read_file(setup_log);
  ASSERT_EQ(run({bin_, "seed", "demo", "--db", database_}, env(), setup_log, setup_log), 0) << read_file(setup_log);

  std::vector<Node> acknowledged;
  std::mt19937 random(std::random_device{}());
  std::uniform_int_distribution<int> pause_ms(100, 400);

  ASSERT_NO_FATAL_FAILURE(start_server());
  for (int cycle = 0; cycle < kCycles; ++cycle) {
    std::vector<std::unique_ptr<HttpClient>> clients;
    for (int i = 0; i < kWriters; ++i) clients.push_back(admin());
    std::int64_t compound = find_compound(*clients.front());
    ASSERT_GT(compound, 0);

    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::vector<Node> written;
    std::vector<std::string> unexpected;  // replies other than 201 or a dropped connection
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w) {
      writers.emplace_back([&, w] {
        HttpClient& client = *clients[w];
        for (int n = 0; !stop.load(); ++n) {
          std::string name = "崩溃-" + std::to_string(cycle) + "-" + std::to_string(w) + "-" + std::to_string(n);
          Reply reply = client.post("/api/v1/org/nodes",
                                    nlohmann::json{{"parent_id", compound}, {"kind", "building"}, {"name", name}});
          if (reply.status == 0) {
            std::this_thread::sleep_for(5ms);  // the server is gone: wait for the stop flag
            continue;
          }
          std::lock_guard lock(mutex);
          if (reply.status == 201) {
            written.push_back({reply.json()["id"].get<std::int64_t>(), name});
          } else {
            unexpected.push_back(std::to_string(reply.status) + " " + reply.body);
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms(random)));
    kill_server();
    stop.store(true);
    for (auto& writer : writers) writer.join();

    EXPECT_TRUE(unexpected.empty()) << "cycle " << cycle << ": a write got " << unexpected.front();
    acknowledged.insert(acknowledged.end(), written.begin(), written.end());
    ASSERT_NO_FATAL_FAILURE(start_server());
    expect_all_present(acknowledged);
  }
  std::cout << acknowledged.size() << " acknowledged writes survived " << kCycles << " SIGKILLs\n";
  RecordProperty("acknowledged_writes", static_cast<int>(acknowledged.size()));
  EXPECT_GT(acknowledged.size(), 20u) << "too few writes succeeded for the test to mean anything";

  // A graceful stop: SIGTERM, exit status 0 within 30 s.
  ASSERT_EQ(::kill(pid_, SIGTERM), 0);
  auto status = wait_for_exit(pid_, kStopTimeout);
  ASSERT_TRUE(status.has_value()) << "weizhi serve did not stop within 30 s of SIGTERM";
  pid_ = -1;
  EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << "wait status " << *status << "; log:\n"
                                                               << tail(read_file(log_));

  fs::path verify_out = folder_ / "verify.out", verify_err = folder_ / "verify.err";
  EXPECT_EQ(run({bin_, "verify", "--db", database_}, env(), verify_out, verify_err), 0) << read_file(verify_err);
  EXPECT_NE(read_file(verify_out).find("audit chain intact"), std::string::npos)
      << "stdout: " << read_file(verify_out) << "\nstderr: " << read_file(verify_err);
}

}  // namespace
