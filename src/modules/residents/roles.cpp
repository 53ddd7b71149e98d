// A resident's account and its resident roles: found or made at sign-in with the roles of the person's homes, and a
// daily job that ends the roles of those who moved out, whose phone session may last weeks without a new sign-in.
#include <set>

#include "audit/audit.hpp"
#include "auth/accounts.hpp"
#include "auth/sessions.hpp"
#include "core/error.hpp"
#include "modules/people/people.hpp"
#include "modules/residents/module.hpp"
#include "modules/residents/rules.hpp"
#include "modules/residents/sign_in.hpp"
#include "modules/residents/store.hpp"

namespace weizhi::residents {

namespace {

// The compounds where the person owns, rents or lives.
std::set<std::int64_t> home_compounds(store::Connection& connection, std::int64_t person_id) {
  std::set<std::int64_t> compounds;
  for (const auto& link : people::links_of_person(connection, person_id))
    if (link.compound) compounds.insert(link.compound->id);
  return compounds;
}

std::vector<HeldRole> resident_roles(const std::vector<auth::RoleGrant>& grants) {
  std::vector<HeldRole> held;
  for (const auto& grant : grants)
    if (grant.role == "resident") held.push_back({grant.assignment_id, grant.scope_node_id});
  return held;
}

}  // namespace

ResidentAccount resident_account(store::Tx& tx, const people::Person& person) {
  auto user_id = account_of_person(tx.connection(), person.id);
  bool created = !user_id;
  if (created) {
    // No login a person can register has a colon, and "!" is no password hash: this account signs in by phone only.
    user_id = auth::create_user(tx, "resident:" + std::to_string(person.id), "居民 " + person.name_masked, "!");
    link_account(tx, *user_id, person.id);
  }
  auto user = auth::find_user(tx.connection(), *user_id);
  if (!user || user->disabled) throw ApiError(401, "account_disabled", "该账号已停用，请联系社区工作人员");
  auto grants = auth::load_roles(tx.connection(), user->id, tx.now());
  std::vector<std::string> role_codes;
  for (const auto& grant : grants) role_codes.push_back(grant.role);
  if (!phone_may_sign_in(role_codes))
    throw ApiError(403, "password_required", "工作人员账号请用账号和密码登录", "phone");
  RoleChanges changes = resident_role_changes(resident_roles(grants), home_compounds(tx.connection(), person.id));
  for (std::int64_t compound : changes.add) auth::assign_role(tx, user->id, "resident", compound);
  for (std::int64_t assignment : changes.end) end_role(tx, assignment);
  return ResidentAccount{*user, created, changes};
}

std::int64_t end_roles_of_movers(store::Tx& tx) {
  std::int64_t ended = 0;
  for (const auto& account : accounts_with_resident_roles(tx.connection(), tx.now())) {
    auto held = resident_roles(auth::load_roles(tx.connection(), account.user_id, tx.now()));
    // Only ending here: a role is added when the person next signs in, as the rule's first sign-in does.
    for (std::int64_t assignment :
         resident_role_changes(held, home_compounds(tx.connection(), account.person_id)).end) {
      end_role(tx, assignment);
      audit::record(tx, "system", "user.role.end", "user:" + std::to_string(account.user_id),
                    {{"assignment_id", assignment}, {"role", "resident"}, {"reason", "迁出"}});
      ++ended;
    }
  }
  return ended;
}

}  // namespace weizhi::residents
