// The `weizhi` command line: serve, migrate, seed, backup, restore, verify, user, token, keygen,
// export-vote, tally, count-election, export-evaluation and evaluate.
#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>
#include <pthread.h>

#include "app/app.hpp"
#include "app/config.hpp"
#include "app/modules.hpp"
#include "audit/audit.hpp"
#include "auth/accounts.hpp"
#include "auth/sessions.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "modules/elections/cli.hpp"
#include "modules/property/cli.hpp"
#include "modules/voting/cli.hpp"
#include "modules/voting/rules.hpp"
#include "store/backup.hpp"
#include "store/migration.hpp"

namespace {

using namespace weizhi;

struct Flags {
  std::optional<std::string> config;
  std::optional<std::string> db;
  std::optional<std::string> data_key_file;
  std::optional<std::string> web_root;
  std::optional<std::string> listen;
  bool behind_tls_proxy = false;
};

Settings resolve(const Flags& flags) {
  Settings settings = app::load_settings(flags.config);
  if (flags.db) settings.database_url = *flags.db;
  if (flags.data_key_file) settings.data_key_file = *flags.data_key_file;
  if (flags.web_root) settings.web_root = *flags.web_root;
  if (flags.listen) settings.listen = *flags.listen;
  if (flags.behind_tls_proxy) settings.behind_tls_proxy = true;
  return settings;
}

int serve(const Settings& settings) {
  // Block the stop signals in every thread; this one waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  SystemClock clock;
  app::Application application(settings, clock);
  application.start();
  log::info({{"event", "listening"},
             {"listen", settings.listen},
             {"port", application.port()},
             {"db", store::sqlite_path(settings.database_url) ? settings.database_url : "postgresql"}});
  std::cout << "weizhi 正在运行：http://" << settings.listen.substr(0, settings.listen.rfind(':')) << ":"
            << application.port() << "/" << std::endl;
  int received = 0;
  sigwait(&stop_signals, &received);
  log::info({{"event", "stopping"}, {"signal", received == SIGTERM ? "SIGTERM" : "SIGINT"}});
  application.stop();
  log::info({{"event", "stopped"}});
  return 0;
}

int migrate(const Settings& settings) {
  SystemClock clock;
  store::Db db(settings.database_url, clock);
  int applied = app::prepare_database(db);
  std::cout << "migrations applied: " << applied << std::endl;
  return 0;
}

int seed_demo(const Settings& settings, bool if_empty) {
  SystemClock clock;
  store::Db db(settings.database_url, clock);
  app::prepare_database(db);
  if (if_empty) {
    auto lease = db.read();
    if (lease->query_one("SELECT id FROM org_nodes LIMIT 1")) {
      std::cout << "数据库已有数据，跳过演示数据导入。演示账号见 README（密码 weizhi-demo）。" << std::endl;
      return 0;
    }
  }
  for (const auto& line : app::seed_demo(db, settings.data_key_file)) std::cout << line << "\n";
  std::cout << std::flush;
  return 0;
}

int verify(const Settings& settings) {
  SystemClock clock;
  store::Db db(settings.database_url, clock);
  auto lease = db.read();
  auto result = audit::verify(*lease);
  if (result.intact) {
    std::cout << "audit chain intact: " << result.rows << " records" << std::endl;
  } else {
    std::cerr << "audit chain broken at seq " << *result.first_broken_seq << ": " << result.reason << std::endl;
  }
  auto mismatches = voting::verify_vote_fingerprints(*lease);
  for (const auto& mismatch : mismatches) {
    std::cerr << "vote " << mismatch.vote_id << ": " << mismatch.file << " no longer matches its published fingerprint"
              << std::endl;
  }
  if (mismatches.empty()) std::cout << "vote fingerprints match" << std::endl;
  auto boxes = elections::verify_ballot_boxes(*lease);
  for (const auto& box : boxes) {
    std::cerr << "election " << box.election_id << " round " << box.round << ": " << box.found_count
              << " ballots no longer match the " << box.sealed_count << " sealed when it was counted" << std::endl;
  }
  if (boxes.empty()) std::cout << "election ballot boxes match" << std::endl;
  return result.intact && mismatches.empty() && boxes.empty() ? 0 : 1;
}

int user_add(const Settings& settings, const std::string& login, const std::string& role,
             std::optional<std::int64_t> scope, const std::optional<std::string>& name) {
  std::string password;
  std::getline(std::cin, password);
  if (auto problem = auth::login_problem(login)) throw std::runtime_error(*problem);
  auto common_passwords = auth::load_common_passwords(settings.common_passwords_file);
  if (auto problem = auth::password_problem(login, password, common_passwords)) throw std::runtime_error(*problem);
  crypto::init();
  SystemClock clock;
  store::Db db(settings.database_url, clock);
  app::prepare_database(db);
  auth::PasswordPool passwords;
  std::string hash = passwords.hash(password);
  db.transaction([&](store::Tx& tx) {
    std::int64_t node = scope ? *scope : [&] {
      auto root = tx.query_one("SELECT id FROM org_nodes WHERE parent_id IS NULL ORDER BY id LIMIT 1");
      if (!root) throw std::runtime_error("the org tree is empty: give --scope NODE_ID or seed first");
      return root->i64(0);
    }();
    std::int64_t id = auth::create_user(tx, login, name.value_or(login), hash);
    auth::assign_role(tx, id, role, node);
    audit::record(tx, "cli:user-add", "user.create", "user:" + std::to_string(id),
                  {{"login", login}, {"role", role}, {"scope_node_id", node}});
  });
  std::cout << "user " << login << " added with role " << role << std::endl;
  return 0;
}

int token_add(const Settings& settings, const auth::TokenRequest& request) {
  crypto::init();
  SystemClock clock;
  store::Db db(settings.database_url, clock);
  app::prepare_database(db);
  auth::IssuedToken issued;
  db.transaction([&](store::Tx& tx) { issued = auth::add_token(tx, request, "cli:token-add"); });
  std::cout << "token " << request.name << " for account " << issued.login;
  if (request.role) std::cout << " with role " << *request.role << " at node " << issued.scope_node_id;
  // The token alone on the last line, for scripts: `weizhi token add … | tail -n 1`.
  std::cout << "\n" << issued.token << std::endl;
  return 0;
}

int export_vote(const Settings& settings, std::int64_t vote_id, const std::string& folder) {
  SystemClock clock;
  store::Db db(settings.database_url, clock);
  auto lease = db.read();
  voting::export_vote(*lease, vote_id, folder);
  std::cout << "roll.csv, ballots.csv and result.json written to " << folder << std::endl;
  return 0;
}

int export_evaluation(const Settings& settings, std::int64_t evaluation_id, const std::string& file) {
  SystemClock clock;
  store::Db db(settings.database_url, clock);
  property::export_evaluation(*db.read(), evaluation_id, file);
  std::cout << "evaluation " << evaluation_id << " written to " << file << std::endl;
  return 0;
}

int tally(const std::string& roll, const std::string& ballots, int matter, const std::string& follow_majority,
          bool timing) {
  auto rule = parse_code(voting::kFollowMajorityRules, follow_majority);
  if (!rule) throw std::runtime_error("--follow-majority should be both_dimensions or abstain");
  voting::TallyTimings timings;
  std::cout << voting::tally_files(roll, ballots, matter, *rule, &timings) << std::flush;
  if (timing) {
    std::cerr << "read " << timings.read_seconds << " s, tally " << timings.tally_seconds << " s" << std::endl;
  }
  return 0;
}

int count_election(const elections::CountCommand& command) {
  std::cout << elections::count_election_file(command) << std::flush;
  return 0;
}

int evaluate(const std::string& file) {
  std::cout << property::evaluate_file(file) << std::flush;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"微治 Weizhi — 老旧小区微治理平台"};
  cli.require_subcommand(1);
  cli.fallthrough();
  Flags flags;
  cli.add_option("--config", flags.config, "TOML config file");
  cli.add_option("--db", flags.db, "sqlite:PATH (default sqlite:weizhi.db) or postgresql://…");
  cli.add_option("--data-key-file", flags.data_key_file, "file holding the personal-data key (64 hex characters)");
  cli.add_option("--web-root", flags.web_root, "folder of the built web app (default web/dist)");

  auto* serve_command = cli.add_subcommand("serve", "run the HTTP server");
  serve_command->add_option("--listen", flags.listen, "HOST:PORT (default 127.0.0.1:8080)");
  serve_command->add_flag("--behind-tls-proxy", flags.behind_tls_proxy, "mark cookies Secure (TLS ends at a proxy)");

  cli.add_subcommand("migrate", "apply pending database migrations");

  auto* seed_command = cli.add_subcommand("seed", "load data");
  seed_command->require_subcommand(1);
  bool if_empty = false;
  auto* seed_demo_command = seed_command->add_subcommand("demo", "load the demo street (大关街道) and demo accounts");
  seed_demo_command->add_flag("--if-empty", if_empty, "do nothing when the database already has data");

  std::string backup_file;
  auto* backup_command = cli.add_subcommand("backup", "online backup of the SQLite database to FILE");
  backup_command->add_option("FILE", backup_file)->required();
  std::string restore_file;
  auto* restore_command = cli.add_subcommand("restore", "replace the SQLite database with FILE (server stopped)");
  restore_command->add_option("FILE", restore_file)->required();

  cli.add_subcommand("verify", "recompute the audit chain, the fingerprints of votes and the election ballot boxes");

  auto* user_command = cli.add_subcommand("user", "manage accounts");
  user_command->require_subcommand(1);
  auto* user_add_command = user_command->add_subcommand("add", "add an account; the password is read from stdin");
  std::string login, role;
  std::optional<std::int64_t> scope;
  std::optional<std::string> display_name;
  user_add_command->add_option("LOGIN", login)->required();
  user_add_command->add_option("--role", role, "role code, e.g. street_admin")->required();
  user_add_command->add_option("--scope", scope, "org node id the role covers (default: the street)");
  user_add_command->add_option("--name", display_name, "display name");

  auto* token_command = cli.add_subcommand("token", "API tokens for machine clients");
  token_command->require_subcommand(1);
  auto* token_add_command = token_command->add_subcommand(
      "add", "create a machine account token:NAME with an API token; print the token alone on the last line");
  auth::TokenRequest token_request;
  token_add_command->add_option("NAME", token_request.name, "token name (a-z 0-9 _ - .)")->required();
  token_add_command->add_option("--role", token_request.role, "role code granted to the account, e.g. grid_member");
  token_add_command->add_option("--scope", token_request.scope_node_id,
                                "org node id the role covers (default: the street)");
  token_add_command->add_option("--login", token_request.login, "attach the token to this existing account instead");

  std::string key_file;
  auto* keygen_command = cli.add_subcommand("keygen", "write a new personal-data key to FILE");
  keygen_command->add_option("FILE", key_file)->required();

  auto* export_vote_command =
      cli.add_subcommand("export-vote", "write roll.csv, ballots.csv and result.json of a closed vote to DIR");
  std::int64_t export_vote_id = 0;
  std::string export_folder;
  export_vote_command->add_option("ID", export_vote_id)->required();
  export_vote_command->add_option("DIR", export_folder)->required();

  auto* export_evaluation_command = cli.add_subcommand(
      "export-evaluation", "write a closed monthly evaluation of a property contract as JSON to FILE");
  std::int64_t export_evaluation_id = 0;
  std::string export_evaluation_file;
  export_evaluation_command->add_option("ID", export_evaluation_id, "the closed evaluation's id")->required();
  export_evaluation_command->add_option("FILE", export_evaluation_file)->required();

  auto* tally_command = cli.add_subcommand("tally", "recount a vote export offline and print result.json");
  std::string tally_roll, tally_ballots, follow_majority = "both_dimensions";
  int matter = 0;
  bool tally_timing = false;
  tally_command->add_option("--roll", tally_roll, "roll.csv of the export")->required();
  tally_command->add_option("--ballots", tally_ballots, "ballots.csv of the export")->required();
  tally_command->add_option("--matter", matter, "matter 1–9 of Civil Code Art. 278")->required();
  tally_command->add_option("--follow-majority", follow_majority, "both_dimensions (default) or abstain");
  tally_command->add_flag("--timing", tally_timing, "print the reading and tally times to stderr");

  auto* count_election_command = cli.add_subcommand(
      "count-election", "count one round of a differential election offline and print the result as JSON");
  elections::CountCommand count_command;
  count_election_command->add_option("--seats", count_command.seats, "seats to fill")->required();
  count_election_command
      ->add_option("--candidates", count_command.candidates, "candidates A,B,… as the ballots name them")
      ->required();
  count_election_command->add_option("--ballots", count_command.ballots_path, "ballots.csv: ballot_id,choices (A|B|…)")
      ->required();
  count_election_command->add_option("--issued", count_command.issued,
                                     "ballots issued (more returned voids the round)");
  count_election_command->add_option("--voters", count_command.voters, "registered voters (more than half must vote)");
  count_election_command->add_option("--majority-base", count_command.majority_base,
                                     "returned (default), valid or registered (needs --voters)");

  auto* evaluate_command = cli.add_subcommand(
      "evaluate", "recompute a property contract's monthly evaluation from its export and print the result as JSON");
  std::string evaluation_file;
  evaluate_command->add_option("FILE", evaluation_file, "the month's export (weizhi export-evaluation)")->required();

  CLI11_PARSE(cli, argc, argv);

  log::init();
  int status = 0;
  try {
    crypto::init();
    Settings settings = resolve(flags);
    if (*serve_command) {
      status = serve(settings);
    } else if (cli.got_subcommand("migrate")) {
      status = migrate(settings);
    } else if (*seed_demo_command) {
      status = seed_demo(settings, if_empty);
    } else if (*backup_command || *restore_command) {
      auto path = store::sqlite_path(settings.database_url);
      if (!path)
        throw std::runtime_error("backup and restore work on SQLite; for PostgreSQL use pg_dump (docs/operations.md)");
      if (*backup_command) {
        store::backup_sqlite(*path, backup_file);
        std::cout << "backup written to " << backup_file << std::endl;
      } else {
        store::restore_sqlite(restore_file, *path);
        std::cout << "database restored from " << restore_file << std::endl;
      }
    } else if (cli.got_subcommand("verify")) {
      status = verify(settings);
    } else if (*user_add_command) {
      status = user_add(settings, login, role, scope, display_name);
    } else if (*token_add_command) {
      status = token_add(settings, token_request);
    } else if (*export_vote_command) {
      status = export_vote(settings, export_vote_id, export_folder);
    } else if (*export_evaluation_command) {
      status = export_evaluation(settings, export_evaluation_id, export_evaluation_file);
    } else if (*tally_command) {
      status = tally(tally_roll, tally_ballots, matter, follow_majority, tally_timing);
    } else if (*count_election_command) {
      status = count_election(count_command);
    } else if (*evaluate_command) {
      status = evaluate(evaluation_file);
    } else if (*keygen_command) {
      crypto::DataKey::generate_file(key_file);
      std::cout << "data key written to " << key_file << std::endl;
    }
  } catch (const ApiError& error) {
    std::cerr << "error: " << error.message() << std::endl;
    status = 2;
  } catch (const std::exception& error) {
    std::cerr << "error: " << error.what() << std::endl;
    status = 2;
  }
  log::shutdown();
  return status;
}
