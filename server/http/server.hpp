#pragma once
// The network skeleton, after Beast's advanced server: a listener that always accepts the next
// connection (pausing while the connection cap is reached, backing off when accept fails),
// sessions with paired do_read/on_read steps, a 1 MiB body limit, timeouts, and shutdown
// through a signal_set that waits for in-flight requests.
//
// Requests that burn CPU on purpose (Argon2 password checks) run on a small worker pool
// instead of the I/O threads, so a flood of logins cannot stall the signed-in operator's
// queue; past the pool's queue they are refused at once with 429.
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "http/security_headers.hpp"
#include "http/types.hpp"

namespace crm::http {

// Called for every complete request, on an I/O thread or a worker; never throws.
using RequestHandler = std::function<Response(Request&, const std::string& client_addr)>;
// Whether a request goes to the worker pool (decided from its method and path alone).
using WorkerPredicate = std::function<bool(const Request&)>;

struct TlsFiles {
    std::string cert;  // PEM certificate chain; both empty = plain HTTP
    std::string key;   // PEM private key
};

struct ServerOptions {
    int io_threads = 4;
    int max_connections = 512;  // open connections at most; accepting pauses at the cap
    int worker_threads = 2;     // password checks at once (each Argon2id takes 64 MiB)
    int worker_queue = 64;      // waiting for a worker at most; beyond, 429
    WorkerPredicate on_workers;
    SecurityHeaders headers;  // also on the answers written before the app sees a request
    TlsFiles tls;
};

class Server {
public:
    Server(std::string host, int port, RequestHandler handler, ServerOptions options);
    ~Server();

    void start();                 // binds, then runs the IO threads in the background
    unsigned short port() const;  // the bound port (useful with port 0)
    void stop();                  // stop accepting, let in-flight requests finish (≤ 5 s), stop
    void wait_for_signal();       // blocks until SIGINT/SIGTERM, then stop()
    int open_connections() const { return open_connections_; }
    int queued_for_workers() const { return queued_for_workers_; }  // being checked or waiting

    static constexpr std::size_t kBodyLimit = 1024 * 1024;

    // Used by the connections.
    Response serve(Request& req, const std::string& client_addr);  // counts in-flight requests
    // Runs `handler` on the worker pool and `done` with its answer; false when the pool's
    // queue is full (the caller answers 429).
    bool serve_on_workers(Request req, std::string client_addr, std::function<void(Response)> done);
    bool runs_on_workers(const Request& req) const { return options_.on_workers && options_.on_workers(req); }
    Response early_error(unsigned status, const char* code, const char* message) const;
    bool stopping() const { return stopped_; }
    boost::asio::ssl::context* tls_context() const { return tls_.get(); }
    bool below_connection_cap() const { return open_connections_ < options_.max_connections; }
    void connection_opened() { ++open_connections_; }
    void connection_closed() { --open_connections_; }

private:
    class Listener;
    std::string host_;
    int port_;
    RequestHandler handler_;
    ServerOptions options_;
    boost::asio::io_context ioc_;
    boost::asio::thread_pool workers_pool_;
    std::unique_ptr<boost::asio::ssl::context> tls_;
    std::shared_ptr<Listener> listener_;
    std::vector<std::thread> io_threads_;
    std::atomic<int> in_flight_{0};
    std::atomic<int> queued_for_workers_{0};
    std::atomic<int> open_connections_{0};
    std::atomic<bool> stopped_{false};
};

}  // namespace crm::http
