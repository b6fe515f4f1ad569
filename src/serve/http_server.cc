// The socket side of `rayzan serve`: cpp-httplib with a fixed worker pool.
// Every request goes to the ApiRouter (under /api/) or the AssetBundle; this
// file only moves bytes and writes the access log.
//
// Debian's libcpp-httplib is a compiled library built with TLS, zlib and
// brotli support; the header must see the same switches to agree with it on
// the layout of Request and Response.
#define CPPHTTPLIB_OPENSSL_SUPPORT
#define CPPHTTPLIB_ZLIB_SUPPORT
#define CPPHTTPLIB_BROTLI_SUPPORT
#include <httplib.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <mutex>
#include <thread>

#include "rayzan/serve.h"

namespace rayzan {

struct HttpServer::Impl {
  Impl(const ApiRouter& router, std::shared_ptr<const AssetBundle> bundle, ServerOptions options)
      : router(router), bundle(std::move(bundle)), options(std::move(options)) {}
  const ApiRouter& router;
  std::shared_ptr<const AssetBundle> bundle;
  ServerOptions options;
  httplib::Server server;
  std::mutex log_mutex;
  int listen_socket = -1;
  std::atomic<bool> stopping{false};
  std::atomic<bool> run_started{false};
  std::atomic<bool> run_finished{false};
};

namespace {

using Clock = std::chrono::steady_clock;

// Set when a request starts routing, read by the logger on the same thread.
thread_local Clock::time_point request_start;
thread_local bool request_timed = false;

void WriteResponse(const HttpResponse& answer, httplib::Response& response) {
  response.status = answer.status;
  for (const auto& [name, value] : answer.headers) response.set_header(name, value);
  if (answer.status != 304) response.set_content(answer.body, answer.content_type);
}

std::string Timestamp() {
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc;
  gmtime_r(&seconds, &utc);
  char text[40];
  std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(text + length, sizeof text - length, ".%03dZ", static_cast<int>(millis));
  return text;
}

}  // namespace

HttpServer::HttpServer(const ApiRouter& router, std::shared_ptr<const AssetBundle> bundle, ServerOptions options)
    : impl_(std::make_unique<Impl>(router, std::move(bundle), std::move(options))) {
  Impl& impl = *impl_;
  int threads = std::max(1, impl.options.threads);
  impl.server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  impl.server.set_keep_alive_max_count(1000);
  impl.server.set_keep_alive_timeout(5);
  impl.server.set_read_timeout(10);
  impl.server.set_write_timeout(10);
  impl.server.set_payload_max_length(64 << 10);  // the API reads no bodies
  impl.server.set_socket_options([&impl](socket_t socket) {
    int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    // httplib sends headers and body in two writes; with Nagle's algorithm
    // the body waits for the client's delayed ACK of the headers, 40 ms on
    // Linux. Accepted sockets inherit the option.
    setsockopt(socket, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    impl.listen_socket = socket;  // the last one set up is the one that binds
  });
  impl.server.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    request_start = Clock::now();
    request_timed = true;
    return httplib::Server::HandlerResponse::Unhandled;
  });
  auto dispatch = [&impl](const httplib::Request& request, httplib::Response& response) {
    // The raw target keeps the query's percent-escapes for the router.
    std::string_view target = request.target;
    size_t question = target.find('?');
    std::string_view path = target.substr(0, question);
    std::string_view query = question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
    if (ApiRouter::IsApiPath(path)) {
      WriteResponse(impl.router.Handle(request.method, path, query), response);
    } else if (request.method != "GET" && request.method != "HEAD") {
      response.status = 405;
      response.set_header("Allow", "GET, HEAD");
      response.set_content("405 method not allowed\n", "text/plain; charset=utf-8");
    } else if (impl.bundle) {
      WriteResponse(impl.bundle->Get(path, request.get_header_value("If-None-Match")), response);
    } else {
      response.status = 404;
      response.set_content("404: this server has no web UI (started without a bundle)\n", "text/plain; charset=utf-8");
    }
  };
  impl.server.Get(".*", dispatch);
  impl.server.Post(".*", dispatch);
  impl.server.Put(".*", dispatch);
  impl.server.Patch(".*", dispatch);
  impl.server.Delete(".*", dispatch);
  impl.server.Options(".*", dispatch);
  impl.server.set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
    response.status = 500;
    response.set_content(R"({"error":{"status":500,"message":"internal error"}})", "application/json");
  });
  if (impl.options.access_log != nullptr) {
    impl.server.set_logger([&impl](const httplib::Request& request, const httplib::Response& response) {
      double millis = request_timed
                          ? std::chrono::duration<double, std::milli>(Clock::now() - request_start).count()
                          : 0.0;
      request_timed = false;
      std::string line = Timestamp() + " " + request.remote_addr + " " + request.method + " " + request.target + " " +
                         std::to_string(response.status) + " " + std::to_string(response.body.size()) + " ";
      char duration[32];
      std::snprintf(duration, sizeof duration, "%.1fms\n", millis);
      line += duration;
      std::lock_guard<std::mutex> lock(impl.log_mutex);
      std::fputs(line.c_str(), impl.options.access_log);
      std::fflush(impl.options.access_log);
    });
  }
}

HttpServer::~HttpServer() = default;

Status HttpServer::Bind() {
  Impl& impl = *impl_;
  if (impl.options.port == 0) {
    port_ = impl.server.bind_to_any_port(impl.options.bind);
    if (port_ <= 0) return Status::Error(impl.options.bind + ": cannot bind to any port");
  } else if (impl.server.bind_to_port(impl.options.bind, impl.options.port)) {
    port_ = impl.options.port;
  } else {
    return Status::Error(impl.options.bind + ":" + std::to_string(impl.options.port) +
                         ": cannot bind (address in use, or not an address of this host?)");
  }
  // Debian's httplib listens with a backlog of 5: a burst of new connections
  // (50 at once from a load test, a page opening six) overflows it and the
  // dropped ones retry after a second or more. Listening again on the bound
  // socket raises the backlog.
  if (impl.listen_socket >= 0) ::listen(impl.listen_socket, SOMAXCONN);
  return Status();
}

void HttpServer::Run() {
  impl_->run_started = true;
  if (!impl_->stopping) impl_->server.listen_after_bind();
  impl_->run_finished = true;
}

void HttpServer::Stop() {
  impl_->stopping = true;
  // httplib ignores stop() until its loop runs: if Run() is between its
  // check of `stopping` and the loop, wait for the loop and stop it then.
  while (impl_->run_started && !impl_->run_finished && !impl_->server.is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  impl_->server.stop();
}

}  // namespace rayzan
