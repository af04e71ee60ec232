#pragma once
// A small HTTP server on loopback standing in for a paid provider's API (Twilio, Stripe): it
// answers every request with `status` and `body`, and remembers what it received.
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace crm::testing {

class HttpStandIn {
    using tcp = boost::asio::ip::tcp;

public:
    struct Seen {
        std::string method, target, body;
        std::map<std::string, std::string> headers;  // as sent
        std::string header(const std::string& name) const {
            auto it = headers.find(name);
            return it == headers.end() ? "" : it->second;
        }
    };
    HttpStandIn(int status, std::string body)
        : status(status),
          acceptor_(ioc_, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0)),
          body_(std::move(body)) {
        thread_ = std::thread([this] { serve(); });
    }
    ~HttpStandIn() {
        stop_ = true;
        boost::beast::error_code ec;
        tcp::socket poke(ioc_);
        poke.connect(acceptor_.local_endpoint(), ec);  // wakes the blocking accept
        thread_.join();
    }
    unsigned short port() const { return acceptor_.local_endpoint().port(); }
    std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port()); }
    std::vector<Seen> seen() {
        std::lock_guard<std::mutex> lock(mutex_);
        return seen_;
    }
    void set_body(const std::string& b) {
        std::lock_guard<std::mutex> lock(mutex_);
        body_ = b;
    }
    std::atomic<int> status;

private:
    void serve() {
        namespace http = boost::beast::http;
        while (!stop_) {
            tcp::socket socket(ioc_);
            boost::beast::error_code ec;
            acceptor_.accept(socket, ec);
            if (ec || stop_) continue;
            boost::beast::flat_buffer buffer;
            http::request<http::string_body> req;
            http::read(socket, buffer, req, ec);
            if (ec) continue;
            std::string body;
            {
                std::lock_guard<std::mutex> lock(mutex_);
                Seen s{std::string(req.method_string()), std::string(req.target()), req.body(), {}};
                for (const auto& f : req) s.headers[std::string(f.name_string())] = std::string(f.value());
                seen_.push_back(std::move(s));
                body = body_;
            }
            http::response<http::string_body> res{static_cast<http::status>(status.load()), 11};
            res.set(http::field::content_type, "application/json");
            res.body() = body;
            res.prepare_payload();
            http::write(socket, res, ec);
        }
    }
    boost::asio::io_context ioc_;
    tcp::acceptor acceptor_;
    std::string body_;
    std::thread thread_;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::vector<Seen> seen_;
};

}  // namespace crm::testing
