#pragma once
// The network skeleton, after Beast's advanced server: a listener that always accepts the next
// connection, sessions with paired do_read/on_read steps, a 1 MiB body limit, timeouts, and
// shutdown through a signal_set that waits for in-flight requests.
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "http/types.hpp"

namespace crm::http {

// Called on an IO thread for every complete request; never throws.
using RequestHandler = std::function<Response(Request&, const std::string& client_addr)>;

struct TlsFiles {
    std::string cert;  // PEM certificate chain; both empty = plain HTTP
    std::string key;   // PEM private key
};

class Server {
public:
    Server(std::string host, int port, int threads, RequestHandler handler, const TlsFiles& tls = {});
    ~Server();

    void start();                 // binds, then runs the IO threads in the background
    unsigned short port() const;  // the bound port (useful with port 0)
    void stop();                  // stop accepting, let in-flight requests finish (≤ 5 s), stop
    void wait_for_signal();       // blocks until SIGINT/SIGTERM, then stop()

    static constexpr std::size_t kBodyLimit = 1024 * 1024;

    // Used by the connections.
    Response serve(Request& req, const std::string& client_addr);  // counts in-flight requests
    bool stopping() const { return stopped_; }
    boost::asio::ssl::context* tls_context() const { return tls_.get(); }

private:
    class Listener;
    std::string host_;
    int port_;
    int threads_;
    RequestHandler handler_;
    boost::asio::io_context ioc_;
    std::unique_ptr<boost::asio::ssl::context> tls_;
    std::shared_ptr<Listener> listener_;
    std::vector<std::thread> workers_;
    std::atomic<int> in_flight_{0};
    std::atomic<bool> stopped_{false};
};

}  // namespace crm::http
