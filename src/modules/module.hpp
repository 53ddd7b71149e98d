// The Module descriptor: a capability's whole contract with the host — its name, its migrations,
// its routes, its part of the demo street, its periodic jobs, its permissions with the roles
// granted them, what it adds to each person's work for today and what it puts up for public view
// (公示). Each module builds it in its module.cpp. Adding a capability is adding a folder
// under src/modules/ and one line in src/app/modules.cpp.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/crypto.hpp"
#include "http/router.hpp"
#include "modules/publicity.hpp"
#include "modules/report.hpp"
#include "modules/today.hpp"
#include "store/db.hpp"
#include "store/migration.hpp"

namespace weizhi::auth {
class PasswordPool;
}

namespace weizhi::modules {

// How big a demo street to make: Demo is the full street of docs/rules.md#figures (20,000+ parts);
// Test keeps every figure of the org chart (communities, compounds, commissioners, party forms)
// but only a few buildings and parts per compound, so each API test starts fast.
enum class SeedSize { Demo, Test };

// What a module's demo seed works with. Seeds run in module order inside one transaction and
// find each other's records by their codes (org_nodes.code).
struct SeedContext {
  store::Tx& tx;
  const crypto::DataKey& data_key;
  auth::PasswordPool& passwords;
  // Lines printed after seeding, such as the demo logins.
  std::vector<std::string>& report;
  SeedSize size = SeedSize::Demo;

  // The id of the org node with this code; throws std::runtime_error when there is none.
  std::int64_t node(const std::string& code) const;
};

// The user id of a demo account, for seeds that record who did what; throws std::runtime_error
// when the account is missing.
std::int64_t demo_user_id(store::Tx& tx, const std::string& login);

class AfterCommit;

// What a job may do after its claim has committed: work through the database, with the data key, for the period.
template <class Work>
concept AfterCommitWork = !std::is_same_v<std::decay_t<Work>, AfterCommit> &&
                          std::is_invocable_v<Work&, store::Db&, const crypto::DataKey&, const std::string&>;

// A job's work after its claim has committed (Job::after_commit). It may return how many things it
// worked on: a run that worked on none is idle and logged at debug only, as a job that looks every
// few seconds mostly is; one that returns nothing says nothing either way and is logged at info.
class AfterCommit {
 public:
  AfterCommit() = default;
  template <AfterCommitWork Work>
  AfterCommit(Work work)  // NOLINT(google-explicit-constructor): a job's lambda converts as to std::function
      : work_([work = std::move(work)](store::Db& db, const crypto::DataKey& data_key,
                                       const std::string& period) mutable -> std::optional<std::size_t> {
          if constexpr (std::is_void_v<decltype(work(db, data_key, period))>) {
            work(db, data_key, period);
            return std::nullopt;
          } else {
            return static_cast<std::size_t>(work(db, data_key, period));
          }
        }) {}

  explicit operator bool() const { return static_cast<bool>(work_); }
  std::optional<std::size_t> operator()(store::Db& db, const crypto::DataKey& data_key,
                                        const std::string& period) const {
    return work_(db, data_key, period);
  }

 private:
  std::function<std::optional<std::size_t>(store::Db&, const crypto::DataKey&, const std::string&)> work_;
};

// A periodic task of a module, run by `weizhi serve`: once per period, by one instance of however
// many share the database (the first to claim the period runs it).
struct Job {
  std::string name;
  // The key of the period `now` lies in, such as the street's date for a daily job.
  std::function<std::string(TimePoint now)> period_of;
  // The period's work, inside the transaction that claims it: if it throws, the claim is undone
  // too and the next look retries.
  std::function<void(store::Tx& tx, const std::string& period)> run;
  // Optional work after the claim has committed, on the instance that won it: for slow outbound
  // I/O (webhooks) that must not hold the group-commit writer. It writes through `db` itself; if it
  // throws, the error is logged and the period stays claimed.
  AfterCommit after_commit{};
};

// Role codes, as auth::role_codes() lists them.
using Roles = std::vector<std::string>;

inline void add_roles(Roles& roles, const Roles& group) { roles.insert(roles.end(), group.begin(), group.end()); }
inline void add_roles(Roles& roles, const char* role) { roles.emplace_back(role); }

// Groups and single roles as one list: roles(kOfficials, "grid_member").
template <class... Parts>
Roles roles(const Parts&... parts) {
  Roles joined;
  (add_roles(joined, parts), ...);
  return joined;
}

// The groups of roles that hold many permissions together, so that a grant names only what sets it apart.
// The street's administrator and the community's secretary and tripartite director.
inline const Roles kLeaders{"street_admin", "community_secretary", "tripartite_director"};
// The leaders and the compound's commissioner: those who answer for a compound's affairs.
inline const Roles kOfficials = roles(kLeaders, "commissioner");
// Everyone who works on the compounds; not social organisations, residents or devices.
inline const Roles kStaff = roles(kOfficials, "party_secretary", "grid_member", "committee_member", "supervisor",
                                  "property_manager", "property_staff");

// One of a module's permissions and the roles that hold it (over the subtree of the node each role is
// held in). Declared once, in the module's module.cpp: every start brings role_permissions in line.
struct Grant {
  std::string permission;
  Roles roles;
};

struct Module {
  std::string name;
  std::function<std::vector<store::Migration>()> migrations;
  std::function<void(http::Router&)> routes;
  std::function<void(SeedContext&)> seed_demo{};
  std::vector<Job> jobs{};
  std::vector<Grant> grants{};
  // What the module adds to each person's work for today (modules/today.hpp), if anything.
  TodayHook today{};
  // What the module has in publicity (公示) for a reader (modules/publicity.hpp), if anything.
  PublicityHook publicity{};
  // What the module adds to the monthly report (modules/report.hpp), if anything.
  ReportHook report{};
  // Work that brings the module's stored data in line after the migrations, whenever the database is
  // prepared, in a transaction of its own: what a migration cannot compute in SQL, such as keys that
  // the module's rules derive from rows stored before the keys were kept.
  std::function<void(store::Tx&)> prepare{};
};

// A module's descriptor: its name, its migrations (from its folder migrations/, see modules/migrations.hpp)
// and its routes, which every module has, then what most have: its part of the demo street, its permissions
// with the roles that hold them, and its periodic jobs.
inline Module describe(std::string name, std::function<std::vector<store::Migration>()> migrations,
                       std::function<void(http::Router&)> routes, std::function<void(SeedContext&)> seed_demo = {},
                       std::vector<Grant> grants = {}, std::vector<Job> jobs = {}) {
  return Module{.name = std::move(name),
                .migrations = std::move(migrations),
                .routes = std::move(routes),
                .seed_demo = std::move(seed_demo),
                .jobs = std::move(jobs),
                .grants = std::move(grants)};
}

}  // namespace weizhi::modules
