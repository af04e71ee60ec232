#include "http/server.hpp"

#include <boost/asio/signal_set.hpp>
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

Response plain_error(unsigned status, const char* code, const char* message) {
    Response res{static_cast<bhttp::status>(status), 11};
    res.set(bhttp::field::content_type, "application/json; charset=utf-8");
    res.keep_alive(false);
    res.body() = nlohmann::json{{"error", {{"code", code}, {"message", message}}}}.dump();
    res.prepare_payload();
    return res;
}
}  // namespace

// One connection. Templated on the stream so the same steps serve plain TCP and TLS.
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
public:
    template <class... Args>
    Session(Server& server, Args&&... args) : stream_(std::forward<Args>(args)...), server_(server) {}

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
            return send(plain_error(413, "too_large", "Requête trop volumineuse (1 Mio au plus)."), true);
        if (ec == bhttp::error::header_limit)
            return send(plain_error(431, "too_large", "En-têtes trop volumineux."), true);
        if (ec == bhttp::error::end_of_stream) return do_close();
        if (ec) {
            // A malformed request line or headers: tell the client, then hang up.
            if (ec.category() == beast::error_code(bhttp::error::bad_target).category() &&
                ec != bhttp::error::partial_message)
                return send(plain_error(400, "bad_request", "Requête HTTP mal formée."), true);
            return fail(ec, "read");
        }
        if (server_.stopping()) return send(plain_error(503, "unavailable", "Arrêt du serveur en cours."), true);
        Request req = parser_->release();
        std::string addr;
        beast::error_code ignored;
        auto ep = beast::get_lowest_layer(stream_).socket().remote_endpoint(ignored);
        if (!ignored) addr = ep.address().to_string();
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
        : ioc_(ioc), acceptor_(net::make_strand(ioc)), server_(server) {
        acceptor_.open(ep.protocol());
        acceptor_.set_option(net::socket_base::reuse_address(true));
        acceptor_.bind(ep);
        acceptor_.listen(net::socket_base::max_listen_connections);
    }
    void run() { do_accept(); }
    void close() {
        net::post(acceptor_.get_executor(), [self = shared_from_this()] {
            beast::error_code ec;
            self->acceptor_.close(ec);
        });
    }
    unsigned short port() const { return acceptor_.local_endpoint().port(); }

private:
    void do_accept() {
        acceptor_.async_accept(net::make_strand(ioc_),
                               beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
    }
    void on_accept(beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted) return;
        if (ec)
            fail(ec, "accept");
        else if (server_.tls_context())
            std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(server_, std::move(socket),
                                                                            *server_.tls_context())
                ->run();
        else
            std::make_shared<Session<beast::tcp_stream>>(server_, std::move(socket))->run();
        if (acceptor_.is_open()) do_accept();
    }
    net::io_context& ioc_;
    tcp::acceptor acceptor_;
    Server& server_;
};

Server::Server(std::string host, int port, int threads, RequestHandler handler, const TlsFiles& tls)
    : host_(std::move(host)),
      port_(port),
      threads_(threads < 1 ? 1 : threads),
      handler_(std::move(handler)),
      ioc_(threads_) {
    if (!tls.cert.empty() || !tls.key.empty()) {
        tls_ = std::make_unique<net::ssl::context>(net::ssl::context::tls_server);
        tls_->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                          net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1);
        tls_->use_certificate_chain_file(tls.cert);
        tls_->use_private_key_file(tls.key, net::ssl::context::pem);
    }
}

Response Server::serve(Request& req, const std::string& addr) {
    ++in_flight_;
    Response res = handler_(req, addr);
    --in_flight_;
    return res;
}

Server::~Server() {
    stop();
}

void Server::start() {
    const auto address = net::ip::make_address(host_);
    listener_ = std::make_shared<Listener>(ioc_, tcp::endpoint{address, static_cast<unsigned short>(port_)}, *this);
    listener_->run();
    for (int i = 0; i < threads_; ++i) workers_.emplace_back([this] { ioc_.run(); });
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
    for (auto& t : workers_)
        if (t.joinable()) t.join();
    workers_.clear();
}

void Server::wait_for_signal() {
    net::io_context signals_ioc;
    net::signal_set signals(signals_ioc, SIGINT, SIGTERM);
    signals.async_wait([](beast::error_code, int) {});
    signals_ioc.run();
    stop();
}

}  // namespace crm::http
