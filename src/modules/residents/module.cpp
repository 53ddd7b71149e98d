// The residents module as the host runs it: migrations, routes, who holds its permissions, the requests
// waiting for confirmation on 今日待办, the daily purge of old code requests and wrong letter codes, and the daily end
// of the resident roles of those who moved out.
#include "modules/residents/module.hpp"

#include "modules/migrations.hpp"
#include "modules/residents/sign_in.hpp"
#include "modules/residents/store.hpp"

namespace weizhi::residents {

modules::Module module() {
  using namespace modules;
  // Two days outlive the longest limit (a day per phone), so the purge never frees a limit early.
  Job purge{"residents.sms_codes.purge", street_date,
            [](store::Tx& tx, const std::string&) { purge_requests(tx, tx.now() - std::chrono::hours(48)); }};
  Job movers{"residents.roles.moving_out", street_date,
             [](store::Tx& tx, const std::string&) { end_roles_of_movers(tx); }};
  // Those who keep the registry issue a building's letters and confirm the phones they bring; those who read
  // it follow how many households have signed up.
  Module descriptor =
      describe("residents", store::residents_migrations,
               [](http::Router& router) {
                 add_routes(router);
                 add_invitation_routes(router);
               },
               {},
               {{"residents.invite", roles(kOfficials, "grid_member")},
                {"residents.progress", roles(kOfficials, "party_secretary", "grid_member", "supervisor")}},
               {purge, movers});
  descriptor.today = today_items;
  return descriptor;
}

}  // namespace weizhi::residents
