#include "core/config.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace crm {

namespace {

void load_dotenv(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        std::string key = line.substr(0, eq);
        std::string value = line.substr(eq + 1);
        while (!key.empty() && key.back() == ' ') key.pop_back();
        if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
            value = value.substr(1, value.size() - 2);
        setenv(key.c_str(), value.c_str(), 0);  // the real environment wins
    }
}

std::optional<std::string> env(const char* key) {
    const char* v = std::getenv(key);
    if (!v || !*v) return std::nullopt;
    return std::string(v);
}

int env_int(const char* key, int fallback) {
    if (auto v = env(key)) {
        try {
            return std::stoi(*v);
        } catch (...) {
            std::fprintf(stderr, "config: %s is not a number, using %d\n", key, fallback);
        }
    }
    return fallback;
}

bool env_bool(const char* key, bool fallback) {
    if (auto v = env(key)) return *v == "1" || *v == "true" || *v == "yes";
    return fallback;
}

}  // namespace

Config Config::from_environment() {
    load_dotenv(".env");
    Config c;
    if (auto v = env("CRM_HOST")) c.host = *v;
    c.port = env_int("CRM_PORT", c.port);
    if (auto v = env("CRM_DB")) c.db_path = *v;
    if (auto v = env("CRM_SHARE_LINK_KEY")) c.share_link_key = *v;
    if (auto v = env("CRM_PUBLIC_URL")) c.public_url = *v;
    c.test_clock = env_bool("CRM_TEST_CLOCK", false);
    if (auto v = env("CRM_TEST_NOW")) c.test_now = parse_iso_utc(*v);
    c.seed = env_bool("CRM_SEED", true);
    if (auto v = env("CRM_WEB_DIR")) c.web_dir = *v;
    if (auto v = env("CRM_OPERATOR_DIR")) c.operator_dir = *v;
    c.io_threads = env_int("CRM_IO_THREADS", c.io_threads);
    c.session_idle_minutes = env_int("CRM_SESSION_IDLE_MINUTES", c.session_idle_minutes);
    c.session_max_hours = env_int("CRM_SESSION_MAX_HOURS", c.session_max_hours);
    c.login_max_failures_user = env_int("CRM_LOGIN_MAX_FAILURES_USER", c.login_max_failures_user);
    c.login_max_failures_addr = env_int("CRM_LOGIN_MAX_FAILURES_ADDR", c.login_max_failures_addr);
    c.login_window_minutes = env_int("CRM_LOGIN_WINDOW_MINUTES", c.login_window_minutes);
    if (auto v = env("CRM_TRUSTED_PROXY")) c.trusted_proxy = *v;
    c.password_workers = std::max(1, env_int("CRM_PASSWORD_WORKERS", c.password_workers));
    c.password_queue = std::max(0, env_int("CRM_PASSWORD_QUEUE", c.password_queue));
    c.max_connections = std::max(8, env_int("CRM_MAX_CONNECTIONS", c.max_connections));
    c.demo = env_bool("CRM_DEMO", false);
    c.access_log = env_bool("CRM_ACCESS_LOG", true);
    c.scheduler_seconds = env_int("CRM_SCHEDULER_SECONDS", c.scheduler_seconds);
    if (auto v = env("CRM_TLS_CERT")) c.tls_cert = *v;
    if (auto v = env("CRM_TLS_KEY")) c.tls_key = *v;
    if (auto v = env("STRIPE_SECRET_KEY")) c.stripe_secret_key = *v;
    if (auto v = env("STRIPE_API_BASE")) c.stripe_api_base = *v;
    if (auto v = env("STRIPE_PAYMENT_LINK_URL")) c.stripe_payment_link_url = *v;
    if (auto v = env("STRIPE_WEBHOOK_SECRET")) c.stripe_webhook_secret = *v;
    c.db_max_mb = std::max(0, env_int("CRM_DB_MAX_MB", c.db_max_mb));
    c.db_read_only = env_bool("CRM_DB_READ_ONLY", false);
    if (auto v = env("CRM_SHARE_LINK_DAYS")) c.share_link_days = std::max(1, std::atoi(v->c_str()));
    return c;
}

bool Config::https() const {
    return !tls_cert.empty() || public_url.rfind("https://", 0) == 0;
}

}  // namespace crm
