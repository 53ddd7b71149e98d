// RESTinio glue: converts requests, hands them to the worker pool, writes responses and the
// access log. The only translation unit that includes RESTinio (its headers are slow to build).
#include "http/server.hpp"

#include <restinio/all.hpp>

#include <atomic>
#include <cmath>
#include <cctype>
#include <chrono>
#include <thread>

#include "core/crypto.hpp"
#include "core/log.hpp"
#include "core/networks.hpp"
#include "core/thread_pool.hpp"

namespace weizhi::http {

namespace {

struct Traits : public restinio::default_traits_t {
  static constexpr bool use_connection_count_limiter = true;
};

using RunningServer = restinio::running_server_handle_t<Traits>;

// An io_context whose pending handlers can be destroyed before the server that owns the acceptor.
// A connection still open at stop (a client's keep-alive) lives on in such a handler, and when it
// goes it tells the acceptor's connection-count limiter; with RESTinio's own io_context that
// happened after the acceptor was freed (a use-after-free ASan caught in the API tests).
class ServerIoContext : public asio::io_context {
 public:
  void destroy_pending_handlers() { shutdown(); }
};

Method to_method(const restinio::http_method_id_t& method) {
  if (method == restinio::http_method_get()) return Method::Get;
  if (method == restinio::http_method_head()) return Method::Head;
  if (method == restinio::http_method_post()) return Method::Post;
  if (method == restinio::http_method_put()) return Method::Put;
  if (method == restinio::http_method_patch()) return Method::Patch;
  if (method == restinio::http_method_delete()) return Method::Delete;
  if (method == restinio::http_method_options()) return Method::Options;
  return Method::Other;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

bool acceptable_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

// The client behind a trusted proxy (the request's peer is one): the last hop of X-Forwarded-For,
// which the proxy appends itself; earlier hops come from the client and may be forged. nullopt when
// there is no usable one.
std::optional<std::string> forwarded_client(const restinio::http_request_header_t& header) {
  std::optional<std::string> last;
  header.for_each_field([&](const restinio::http_header_field_t& field) {
    if (restinio::impl::is_equal_caseless(field.name(), "x-forwarded-for")) last = field.value();
  });
  if (!last) return std::nullopt;
  std::size_t comma = last->rfind(',');
  std::string hop = comma == std::string::npos ? *last : last->substr(comma + 1);
  hop.erase(0, hop.find_first_not_of(" \t"));
  hop.erase(hop.find_last_not_of(" \t") + 1);
  asio::error_code error;
  auto address = asio::ip::make_address(hop, error);
  if (error) return std::nullopt;
  return address.to_string();
}

std::pair<std::string, unsigned short> split_listen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("--listen must be HOST:PORT, got '" + listen + "'");
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = 0;
  try {
    port = std::stoi(listen.substr(colon + 1));
  } catch (const std::exception&) {
    port = -1;
  }
  if (port < 0 || port > 65535) throw std::runtime_error("--listen has an invalid port: '" + listen + "'");
  return {host, static_cast<unsigned short>(port)};
}

}  // namespace

struct Server::State {
  State(const Dispatcher& d, const Settings& s) : dispatcher(d), settings(s) {}
  const Dispatcher& dispatcher;
  const Settings& settings;
  std::vector<net::Network> trusted_proxies;  // settings.trusted_proxies, parsed at start
  std::unique_ptr<ThreadPool> workers;
  std::unique_ptr<ServerIoContext> io_context;
  RunningServer running;
  std::atomic<unsigned short> bound_port{0};
  std::atomic<bool> draining{false};
  // Requests taken and not yet answered to the last byte: stop() waits for them.
  std::atomic<long> in_flight{0};

  // Sends the response; the request stops counting as in flight once the I/O thread has written it,
  // failed to, or dropped it with its connection (RESTinio calls back in every case).
  void respond(const restinio::request_handle_t& handle, const Request& request, Response& response,
               std::chrono::steady_clock::time_point started) {
    auto builder = handle->create_response(restinio::http_status_line_t{
        restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)}, reason_phrase(response.status)});
    if (!response.content_type.empty())
      builder.append_header(restinio::http_field::content_type, response.content_type);
    for (auto& [name, value] : response.headers) {
      // RESTinio writes the Connection header itself, and closes after the response when told so.
      if (name == "Connection" && value == "close") {
        builder.connection_close();
      } else {
        builder.append_header(name, value);
      }
    }
    std::size_t bytes = response.body.size();
    if (request.method != Method::Head) builder.set_body(std::move(response.body));
    builder.done([this](const asio::error_code&) { in_flight.fetch_sub(1); });
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    Json fields = access_log_fields(request, response, bytes, ms);
    // The moment of a discreet request is logged to the minute only (see Response).
    if (response.discreet_access_log) {
      log::info_to_the_minute(fields);
    } else {
      log::info(fields);
    }
  }

  restinio::request_handling_status_t accept(restinio::request_handle_t handle) {
    auto started = std::chrono::steady_clock::now();
    auto request = std::make_shared<Request>();
    const auto& header = handle->header();
    request->method = to_method(header.method());
    auto supplied_id = header.opt_value_of("X-Request-Id");
    request->request_id =
        supplied_id && acceptable_request_id(*supplied_id) ? std::string(*supplied_id) : crypto::random_hex(8);
    header.for_each_field([&](const restinio::http_header_field_t& field) {
      std::string name = field.name();
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request->headers.emplace_back(std::move(name), field.value());
    });
    std::string peer = handle->remote_endpoint().address().to_string();
    bool from_proxy = settings.behind_tls_proxy && net::contains(trusted_proxies, peer);
    std::optional<std::string> forwarded = from_proxy ? forwarded_client(header) : std::nullopt;
    request->client_address = forwarded ? *forwarded : peer;
    request->body = handle->body();
    // Answered here, before the worker pool; the access log gets the raw path (cut when too long).
    auto refuse = [&](Response response) {
      if (request->path.empty()) request->path = std::string(header.path().substr(0, 256));
      response.header("X-Request-Id", request->request_id);
      in_flight.fetch_add(1);
      respond(handle, *request, response, started);
      return restinio::request_accepted();
    };
    // An unknown HTTP version gets no 505 here: RESTinio 0.6 never passes the request line's version
    // on (the header keeps 1.1) and its parser takes any HTTP/d.d. nginx in front answers 505 to
    // major versions above 1.
    if (header.request_target().size() > settings.max_url_bytes) {
      return refuse(
          Response::error(414, "uri_too_long", "地址过长：上限 " + std::to_string(settings.max_url_bytes) + " 字节"));
    }
    auto path = url_decode(header.path(), false);
    auto query = parse_query(header.query());
    if (!path || !query) return refuse(Response::error(400, "invalid_url", "地址中含有无效的百分号编码"));
    request->path = std::move(*path);
    request->query = std::move(*query);
    if (draining.load()) {
      return refuse(Response::error(503, "shutting_down", "服务正在停止，请稍后重试").header("Connection", "close"));
    }
    in_flight.fetch_add(1);
    workers->post([this, handle, request, started] {
      Response response = dispatcher.handle(*request);
      respond(handle, *request, response, started);
    });
    return restinio::request_accepted();
  }
};

Server::Server(const Dispatcher& dispatcher, const Settings& settings)
    : state_(std::make_unique<State>(dispatcher, settings)) {}

Server::~Server() { stop(); }

void Server::start() {
  auto [host, port] = split_listen(state_->settings.listen);
  const Settings& settings = state_->settings;
  try {
    state_->trusted_proxies = net::parse_networks(settings.trusted_proxies);
  } catch (const std::invalid_argument& error) {
    throw std::runtime_error(std::string("trusted_proxies: ") + error.what());
  }
  std::size_t io_threads =
      settings.io_threads ? settings.io_threads : std::max(1u, std::thread::hardware_concurrency());
  state_->workers = std::make_unique<ThreadPool>(settings.worker_threads);
  State* state = state_.get();
  auto server_settings =
      restinio::server_settings_t<Traits>{}
          .address(host)
          .port(port)
          .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                        // Past this the parser closes the connection;
                                        // up to it, accept() answers a JSON 414.
                                        .max_url_size(settings.max_url_bytes * 8)
                                        .max_field_name_size(1024)
                                        .max_field_value_size(settings.max_header_bytes)
                                        .max_field_count(100)
                                        .max_body_size(settings.max_route_body_bytes))
          .max_parallel_connections(settings.max_connections)
          .read_next_http_message_timelimit(std::chrono::seconds(settings.read_timeout_seconds))
          .write_http_response_timelimit(std::chrono::seconds(settings.write_timeout_seconds))
          .handle_request_timeout(std::chrono::seconds(settings.handler_timeout_seconds))
          .acceptor_post_bind_hook(
              [state](asio::ip::tcp::acceptor& acceptor) { state->bound_port.store(acceptor.local_endpoint().port()); })
          .request_handler([state](restinio::request_handle_t handle) { return state->accept(std::move(handle)); });
  state_->io_context = std::make_unique<ServerIoContext>();
  state_->running = restinio::run_async<Traits>(restinio::external_io_context(*state_->io_context),
                                                std::move(server_settings), io_threads);
}

unsigned short Server::port() const { return state_->bound_port.load(); }

void Server::stop() {
  if (!state_->running) return;
  state_->draining.store(true);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(state_->settings.shutdown_grace_seconds);
  while (state_->in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  state_->running->stop();
  state_->running->wait();
  // Workers past the grace period still hold requests, and so connections: they finish first, then
  // every connection goes with the pending handlers while the acceptor is alive, then the server.
  state_->workers.reset();
  state_->io_context->destroy_pending_handlers();
  state_->running.reset();
  state_->io_context.reset();
}

}  // namespace weizhi::http
