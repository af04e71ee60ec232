// Optional HTTPS (CRM_TLS_CERT / CRM_TLS_KEY): the same API over TLS, with a Secure cookie and HSTS.
#include <curl/curl.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {
size_t collect(char* d, size_t s, size_t n, void* out) {
    static_cast<std::string*>(out)->append(d, s * n);
    return s * n;
}
}  // namespace

TEST_CASE("the server speaks HTTPS when given a certificate") {
    const auto dir = make_temp_dir();
    const std::string gen = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout " + dir +
                            "/key.pem -out " + dir + "/cert.pem 2>/dev/null";
    REQUIRE(std::system(gen.c_str()) == 0);
    TestServer server([&](Config& c) {
        c.tls_cert = dir + "/cert.pem";
        c.tls_key = dir + "/key.pem";
    });

    CURL* curl = curl_easy_init();
    std::string body, headers;
    const std::string url = "https://127.0.0.1:" + std::to_string(server.port()) + "/api/auth/login";
    curl_slist* h = curl_slist_append(nullptr, "X-Requested-With: crm");
    h = curl_slist_append(h, "Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, R"({"username":"admin","password":"demo123"})");
    curl_easy_setopt(curl, CURLOPT_CAINFO, (dir + "/cert.pem").c_str());
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);  // self-signed for 127.0.0.1
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &headers);
    REQUIRE(curl_easy_perform(curl) == CURLE_OK);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(h);
    curl_easy_cleanup(curl);
    CHECK(status == 200);
    CHECK(body.find("\"operator\"") != std::string::npos);
    CHECK(headers.find("Secure") != std::string::npos);
    CHECK(headers.find("Strict-Transport-Security: max-age=31536000") != std::string::npos);

    // Plain HTTP to the TLS port gets nowhere.
    Client plain = server.client();
    CHECK_THROWS(plain.get("/healthz"));
    std::filesystem::remove_all(dir);
}
