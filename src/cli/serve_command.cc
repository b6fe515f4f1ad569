// `rayzan serve`: the HTTP API and the web UI over an event database.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "rayzan/data_dir.h"
#include "rayzan/kb.h"
#include "rayzan/serve.h"
#include "rayzan/store.h"

namespace rayzan::cli {

namespace {

constexpr char kServeUsage[] =
    "usage: rayzan serve [OPTIONS]\n"
    "\n"
    "Serves the event database read-only: a JSON API under /api/v1/ (docs/api.md)\n"
    "and the web UI (docs/ui.md) at http://BIND:PORT/. Prints that URL on standard\n"
    "output once it listens; SIGINT (Ctrl-C) or SIGTERM stops it after the\n"
    "requests in flight are answered. An ingest may write to the same database\n"
    "meanwhile.\n"
    "\n"
    "options:\n"
    "  --db FILE         the database (default rayzan.db)\n"
    "  --port N          TCP port (default 8080; 0 = any free port)\n"
    "  --bind ADDRESS    address to listen on (default 127.0.0.1, this host only;\n"
    "                    0.0.0.0 opens it to the network: there is no login)\n"
    "  --threads N       worker threads = connections served at once (default 64)\n"
    "  --web DIR         the built UI (default $RAYZAN_WEB or web/bundle of the source tree)\n"
    "  --no-ui           serve the API only\n"
    "  --cache-mb N      memory for answers kept until the database changes\n"
    "                    (default 64; 0 = compute every answer)\n"
    "  --access-log FILE one line per request (default standard error; 'off' for none)\n"
    "  --kb DIR          an extra knowledge-base folder for actor spellings (repeatable)\n"
    "  --data DIR        the data folder (default: $RAYZAN_DATA or the bundled data/)\n"
    "\n"
    "Exit status: 0 stopped by a signal, 1 the server failed, 2 usage error,\n"
    "or the database, UI or address cannot be opened.\n";

}  // namespace

int RunServe(int argc, char** argv) {
  std::string db = "rayzan.db";
  std::string web;
  bool with_ui = true;
  std::string access_log = "-";
  std::string data_directory;
  std::vector<std::string> extra_kb;
  rayzan::ServerOptions options;
  rayzan::ApiOptions api_options;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char* name) -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "rayzan serve: %s needs a value\n", name);
        std::exit(2);
      }
      return argv[++i];
    };
    auto number = [&](const char* name, int low, int high) {
      std::string text = value(name);
      char* end = nullptr;
      long parsed = std::strtol(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || parsed < low || parsed > high) {
        std::fprintf(stderr, "rayzan serve: %s must be a number from %d to %d, not '%s'\n", name, low, high,
                     text.c_str());
        std::exit(2);
      }
      return static_cast<int>(parsed);
    };
    if (arg == "--help" || arg == "-h") {
      std::fputs(kServeUsage, stdout);
      return 0;
    } else if (arg == "--db") {
      db = value("--db");
    } else if (arg == "--port") {
      options.port = number("--port", 0, 65535);
    } else if (arg == "--bind") {
      options.bind = value("--bind");
    } else if (arg == "--threads") {
      options.threads = number("--threads", 1, 1024);
    } else if (arg == "--web") {
      web = value("--web");
    } else if (arg == "--no-ui") {
      with_ui = false;
    } else if (arg == "--cache-mb") {
      api_options.cache_bytes = static_cast<size_t>(number("--cache-mb", 0, 65536)) << 20;
    } else if (arg == "--access-log") {
      access_log = value("--access-log");
    } else if (arg == "--kb") {
      extra_kb.push_back(value("--kb"));
    } else if (arg == "--data") {
      data_directory = value("--data");
      rayzan::SetDataDirectory(data_directory);
    } else {
      std::fprintf(stderr, "rayzan serve: unknown argument '%s' (see rayzan serve --help)\n", arg.c_str());
      return 2;
    }
  }

  std::vector<std::string> kb_directories = {data_directory.empty() ? rayzan::KnowledgeBase::BundledDirectory()
                                                                    : data_directory + "/kb"};
  kb_directories.insert(kb_directories.end(), extra_kb.begin(), extra_kb.end());
  auto knowledge_base = rayzan::KnowledgeBase::Load(kb_directories);
  if (!knowledge_base.ok()) {
    std::fprintf(stderr, "rayzan: %s\n", knowledge_base.status().message().c_str());
    return 2;
  }
  rayzan::StoreOptions store_options;
  store_options.read_only = true;
  store_options.knowledge_base = knowledge_base.value();
  auto store = rayzan::EventStore::Open(db, store_options);
  if (!store.ok()) {
    std::fprintf(stderr, "rayzan: %s\n", store.status().message().c_str());
    return 2;
  }
  std::shared_ptr<const rayzan::AssetBundle> bundle;
  if (with_ui) {
    auto loaded = rayzan::AssetBundle::Load(web.empty() ? rayzan::AssetBundle::DefaultDirectory() : web);
    if (!loaded.ok()) {
      std::fprintf(stderr, "rayzan: %s (or pass --no-ui)\n", loaded.status().message().c_str());
      return 2;
    }
    bundle = loaded.value();
  }
  std::FILE* log = nullptr;
  if (access_log == "-") {
    log = stderr;
  } else if (access_log != "off") {
    log = std::fopen(access_log.c_str(), "a");
    if (log == nullptr) {
      std::fprintf(stderr, "rayzan serve: %s: cannot open the access log\n", access_log.c_str());
      return 2;
    }
  }
  options.access_log = log;

  // The signals go to one waiting thread, not to whichever worker happens to
  // run: block them here, before any thread starts, and sigwait() for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  // A client that hangs up mid-answer must not kill the server.
  signal(SIGPIPE, SIG_IGN);

  rayzan::ApiRouter router(*store.value(), knowledge_base.value(), api_options);
  rayzan::HttpServer server(router, bundle, options);
  if (rayzan::Status bound = server.Bind(); !bound.ok()) {
    std::fprintf(stderr, "rayzan serve: %s\n", bound.message().c_str());
    return 2;
  }
  std::atomic<bool> signalled{false};
  std::thread signal_waiter([&] {
    int received = 0;
    sigwait(&signals, &received);
    signalled = true;
    server.Stop();
  });
  std::string host = options.bind == "0.0.0.0" ? "127.0.0.1" : options.bind;
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  std::fprintf(stderr, "rayzan: serving %s read-only%s; Ctrl-C stops\n", db.c_str(),
               bundle ? "" : " (API only)");
  std::printf("http://%s:%d/\n", host.c_str(), server.port());
  std::fflush(stdout);
  server.Run();
  // Run() returned without a signal when it could not listen: wake the waiter.
  bool failed = !signalled;
  if (failed) pthread_kill(signal_waiter.native_handle(), SIGTERM);
  signal_waiter.join();
  std::fprintf(stderr, failed ? "rayzan serve: the server stopped unexpectedly\n" : "rayzan: stopped\n");
  if (log != nullptr && log != stderr) std::fclose(log);
  return failed ? 1 : 0;
}

}  // namespace rayzan::cli
