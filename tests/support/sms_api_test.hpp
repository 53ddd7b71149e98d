// API tests of residents' sign-in by phone: the server sends its codes to a file, which the test reads as a
// resident reads their SMS, and runs on a clock the test moves; `serve()` starts it again after a test changes
// settings_.
#pragma once
#include <fstream>
#include <memory>
#include <string>

#include "modules/people/people.hpp"
#include "support/manual_clock.hpp"
#include "support/test_server.hpp"

namespace weizhi::testing {

class SmsApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    sms_log_ = folder_ + "/sms.log";
    settings_.sms_provider = "file:" + sms_log_;
    // From now: the test street's roles hold from when it was seeded, which may be after the clock was made.
    manual_.set(std::chrono::system_clock::now());
    serve();
  }
  // Serves again with settings_ as they now are, on the test's clock.
  void serve() {
    application_.reset();
    application_ = std::make_unique<app::Application>(settings_, manual_);
    application_->start();
  }

  // The code in the last message the file provider wrote to the phone.
  std::string last_code(const std::string& phone) {
    std::string code;
    std::ifstream file(sms_log_);
    for (std::string line; std::getline(file, line);) {
      if (line.rfind(phone + "\t", 0) == 0) code = line.substr(line.find_first_of("0123456789", phone.size() + 1), 6);
    }
    EXPECT_EQ(code.size(), 6u) << "no code sent to " << phone;
    return code;
  }
  // Asks a code for the phone and signs in with it, as a resident does on the H5; the sign-in's reply. The
  // client keeps the session and its CSRF token.
  Reply sign_in_by_phone(HttpClient& client, const std::string& phone) {
    Reply asked = client.post("/api/v1/session/sms-code", nlohmann::json{{"phone", phone}});
    EXPECT_EQ(asked.status, 202) << asked.body;
    Reply reply = client.post("/api/v1/session", nlohmann::json{{"phone", phone}, {"code", last_code(phone)}});
    client.set_csrf(reply.json().value("csrf_token", ""));
    return reply;
  }

  // The first part (flat, shop …) of the compound with `code`.
  std::int64_t first_part_of(const std::string& code) {
    auto lease = db().read();
    std::string path = lease->query_one("SELECT path FROM org_nodes WHERE code = ?", {code})->text(0);
    return lease->scalar("SELECT MIN(id) FROM org_nodes WHERE kind = 'part' AND path LIKE ?", {path + "%"});
  }
  // Registers the person, living in the compound `code` (its first part, as `relation`); their id.
  std::int64_t register_in(const std::string& code, const people::PersonInput& input,
                           people::Relation relation = people::Relation::Owner) {
    std::int64_t part = first_part_of(code);
    return db().write([&](store::Tx& tx) {
      std::int64_t person = people::create_person(tx, data_key(), input);
      people::link_part(tx, part, person, relation, false);
      return person;
    });
  }

  ManualClock manual_;
  std::string sms_log_;
};

}  // namespace weizhi::testing
