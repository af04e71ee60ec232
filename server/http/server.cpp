#include "http/server.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace crm::http {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {
void fail(beast::error_code ec, const char* what) {
    // Ordinary disconnects are not worth a log line.
    if (ec == net::error::operation_aborted || ec == beast::error::timeout || ec == bhttp::error::end_of_stream ||
        ec == net::error::connection_reset || ec == net::error::eof)
        return;
    std::fprintf(stderr, "{\"level\":\"warn\",\"what\":\"%s\",\"error\":\"%s\"}\n", what, ec.message().c_str());
}

}  // namespace

// One connection. Templated on the stream so the same steps serve plain TCP and TLS.
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
public:
    template <class... Args>
    Session(Server& server, Args&&... args) : stream_(std::forward<Args>(args)...), server_(server) {
        server_.connection_opened();
    }
    ~Session() { server_.connection_closed(); }

    void run() {
        net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::start, this->shared_from_this()));
    }

private:
    static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

    void start() {
        if constexpr (kTls) {
            beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(30));
            stream_.async_handshake(net::ssl::stream_base::server,
                                    beast::bind_front_handler(&Session::on_handshake, this->shared_from_this()));
        } else {
            do_read();
        }
    }

    void on_handshake(beast::error_code ec) {
        if (ec) return fail(ec, "tls handshake");
        do_read();
    }

    void do_read() {
        parser_.emplace();
        parser_->body_limit(Server::kBodyLimit);
        parser_->header_limit(16 * 1024);
        beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(30));
        bhttp::async_read(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&Session::on_read, this->shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec == bhttp::error::body_limit)
            return send(server_.early_error(413, "too_large", "Requête trop volumineuse (1 Mio au plus)."), true);
        if (ec == bhttp::error::header_limit)
            return send(server_.early_error(431, "too_large", "En-têtes trop volumineux."), true);
        if (ec == bhttp::error::end_of_stream) return do_close();
        if (ec) {
            // A malformed request line or headers: tell the client, then hang up.
            if (ec.category() == beast::error_code(bhttp::error::bad_target).category() &&
                ec != bhttp::error::partial_message)
                return send(server_.early_error(400, "bad_request", "Requête HTTP mal formée."), true);
            return fail(ec, "read");
        }
        if (server_.stopping())
            return send(server_.early_error(503, "unavailable", "Arrêt du serveur en cours."), true);
        Request req = parser_->release();
        std::string addr;
        beast::error_code ignored;
        auto ep = beast::get_lowest_layer(stream_).socket().remote_endpoint(ignored);
        if (!ignored) addr = ep.address().to_string();
        if (server_.runs_on_workers(req)) {
            // Nothing else is read from this connection until the worker's answer is written.
            auto self = this->shared_from_this();
            const bool queued = server_.serve_on_workers(std::move(req), addr, [self](Response res) {
                net::post(self->stream_.get_executor(), [self, res = std::move(res)]() mutable {
                    const bool close = !res.keep_alive();
                    self->send(std::move(res), close);
                });
            });
            if (!queued) {
                auto busy = server_.early_error(429, "rate_limited", "Serveur occupé, réessayez dans un instant.");
                busy.set(bhttp::field::retry_after, "1");
                send(std::move(busy), true);
            }
            return;
        }
        Response res = server_.serve(req, addr);
        const bool close = !res.keep_alive();
        send(std::move(res), close);
    }

    void send(Response res, bool close) {
        res_ = std::make_shared<Response>(std::move(res));
        if (close) res_->keep_alive(false);
        beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(30));
        bhttp::async_write(stream_, *res_,
                           beast::bind_front_handler(&Session::on_write, this->shared_from_this(), close));
    }

    void on_write(bool close, beast::error_code ec, std::size_t) {
        if (ec) return fail(ec, "write");
        res_.reset();
        if (close) return do_close();
        do_read();
    }

    void do_close() {
        if constexpr (kTls) {
            beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
            stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {});
        } else {
            beast::error_code ec;
            stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        }
    }

    Stream stream_;
    Server& server_;
    beast::flat_buffer buffer_;
    boost::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    std::shared_ptr<Response> res_;
};

class Server::Listener : public std::enable_shared_from_this<Server::Listener> {
public:
    Listener(net::io_context& ioc, tcp::endpoint ep, Server& server)
        : ioc_(ioc), acceptor_(net::make_strand(ioc)), timer_(acceptor_.get_executor()), server_(server) {
        acceptor_.open(ep.protocol());
        acceptor_.set_option(net::socket_base::reuse_address(true));
        acceptor_.bind(ep);
        acceptor_.listen(net::socket_base::max_listen_connections);
    }
    void run() { next_accept(); }
    void close() {
        net::post(acceptor_.get_executor(), [self = shared_from_this()] {
            beast::error_code ec;
            self->acceptor_.close(ec);
            self->timer_.cancel();
        });
    }
    unsigned short port() const { return acceptor_.local_endpoint().port(); }

private:
    // At the connection cap, new connections wait in the kernel's backlog until one closes.
    void next_accept() {
        if (!acceptor_.is_open()) return;
        if (server_.below_connection_cap()) return do_accept();
        wait_then_accept(std::chrono::milliseconds(20));
    }
    void wait_then_accept(std::chrono::milliseconds delay) {
        timer_.expires_after(delay);
        timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (!ec) self->next_accept();
        });
    }
    void do_accept() {
        acceptor_.async_accept(net::make_strand(ioc_),
                               beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
    }
    void on_accept(beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted) return;
        if (ec) {
            // Out of file descriptors (EMFILE) and the like: retrying at once would spin on the
            // same error, so wait a little for connections to close.
            fail(ec, "accept");
            return wait_then_accept(std::chrono::milliseconds(100));
        }
        if (server_.tls_context())
            std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(server_, std::move(socket),
                                                                            *server_.tls_context())
                ->run();
        else
            std::make_shared<Session<beast::tcp_stream>>(server_, std::move(socket))->run();
        next_accept();
    }
    net::io_context& ioc_;
    tcp::acceptor acceptor_;
    net::steady_timer timer_;
    Server& server_;
};

Server::Server(std::string host, int port, RequestHandler handler, ServerOptions options)
    : host_(std::move(host)),
      port_(port),
      handler_(std::move(handler)),
      options_(std::move(options)),
      ioc_(std::max(1, options_.io_threads)),
      workers_pool_(static_cast<std::size_t>(std::max(1, options_.worker_threads))) {
    options_.io_threads = std::max(1, options_.io_threads);
    options_.max_connections = std::max(1, options_.max_connections);
    if (!options_.tls.cert.empty() || !options_.tls.key.empty()) {
        tls_ = std::make_unique<net::ssl::context>(net::ssl::context::tls_server);
        tls_->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                          net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1);
        tls_->use_certificate_chain_file(options_.tls.cert);
        tls_->use_private_key_file(options_.tls.key, net::ssl::context::pem);
    }
}

Response Server::serve(Request& req, const std::string& addr) {
    ++in_flight_;
    Response res = handler_(req, addr);
    --in_flight_;
    return res;
}

bool Server::serve_on_workers(Request req, std::string client_addr, std::function<void(Response)> done) {
    // The ones being worked on count too: at most threads + queue requests are held.
    if (++queued_for_workers_ > options_.worker_threads + options_.worker_queue) {
        --queued_for_workers_;
        return false;
    }
    ++in_flight_;  // shutdown waits for these like any other request
    net::post(workers_pool_,
              [this, req = std::move(req), addr = std::move(client_addr), done = std::move(done)]() mutable {
                  Response res = handler_(req, addr);
                  --queued_for_workers_;
                  done(std::move(res));
                  --in_flight_;
              });
    return true;
}

Response Server::early_error(unsigned status, const char* code, const char* message) const {
    Response res{static_cast<bhttp::status>(status), 11};
    res.set(bhttp::field::content_type, "application/json; charset=utf-8");
    res.keep_alive(false);
    res.body() = nlohmann::json{{"error", {{"code", code}, {"message", message}}}}.dump();
    res.prepare_payload();
    options_.headers.apply(res);
    return res;
}

Server::~Server() {
    stop();
}

void Server::start() {
    const auto address = net::ip::make_address(host_);
    listener_ = std::make_shared<Listener>(ioc_, tcp::endpoint{address, static_cast<unsigned short>(port_)}, *this);
    listener_->run();
    for (int i = 0; i < options_.io_threads; ++i) io_threads_.emplace_back([this] { ioc_.run(); });
}

unsigned short Server::port() const {
    return listener_ ? listener_->port() : 0;
}

void Server::stop() {
    if (stopped_.exchange(true)) return;
    if (listener_) listener_->close();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (in_flight_ > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ioc_.stop();
    for (auto& t : io_threads_)
        if (t.joinable()) t.join();
    io_threads_.clear();
    workers_pool_.stop();
    workers_pool_.join();
}

void Server::wait_for_signal() {
    net::io_context signals_ioc;
    net::signal_set signals(signals_ioc, SIGINT, SIGTERM);
    signals.async_wait([](beast::error_code, int) {});
    signals_ioc.run();
    stop();
}

}  // namespace crm::http
