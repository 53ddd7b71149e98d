// Ways of signing in beside a login and password. A module offers one and the host hands it to
// auth::module() (src/app/modules.cpp): POST /api/v1/session with a body naming the method's field is
// the method's to check, and auth opens the session and answers as for a password, depending on no module.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "auth/accounts.hpp"
#include "core/json.hpp"
#include "http/message.hpp"
#include "store/db.hpp"

namespace weizhi::http {
class Context;
}

namespace weizhi::auth {

// What a method decided about one request.
struct SignIn {
  // Run inside the transaction that opens the session, so nothing is half-written: takes the
  // credential (it cannot serve twice), finds or makes the account and answers it. An ApiError
  // thrown here undoes all of it.
  std::function<User(store::Tx&)> account;
  // Given instead of a session when the method needs more from the caller (which person of a family).
  std::optional<http::Response> answer;
};

// Opens a resident's session (resident_session_limits) for the account `account` answers inside the
// session's transaction, audits session.create with `summary`, and answers as every sign-in does: the
// user with their permissions, the CSRF token and the cookie. For a module's own route that ends in a
// resident signed in (an invitation letter redeemed), as POST /api/v1/session does for a method.
http::Response open_resident_session(http::Context& context, const std::function<User(store::Tx&)>& account,
                                     const Json& summary);

struct SignInMethod {
  std::string field;  // the body field that makes a request this method's, such as "phone"
  // Reads the body's fields and finishes it, checks the credential (401 when it fails) and decides.
  std::function<SignIn(http::Context&, JsonObject& body)> check;
};

}  // namespace weizhi::auth
