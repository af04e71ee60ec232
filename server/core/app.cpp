#include "core/app.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "accounts/demo_accounts.hpp"
#include "api/routes.hpp"
#include "auth/password_policy.hpp"
#include "auth/passwords.hpp"
#include "crm/domain/json.hpp"
#include "db/migrator.hpp"
#include "http/errors.hpp"
#include "http/static_files.hpp"
#include "leads/connect_rates_repo.hpp"

namespace crm {

using namespace crm::http;

namespace {

// Share and setup tokens are secrets: the access log shows /p/*** and /setup/*** instead.
std::string loggable_path(const std::string& path) {
    if (path.rfind("/p/", 0) == 0) return "/p/***";
    if (path.rfind("/setup/", 0) == 0) return "/setup/***";
    return path;
}

std::string json_escape(const std::string& s) {
    return domain::json_text(s);
}

// A write refused because the database is read-only (CRM_DB_READ_ONLY, or a read-only file):
// the same 503 as any database that cannot take writes, with a message that says why.
ApiError read_only_error() {
    return ApiError(503, "unavailable",
                    "Base de données en lecture seule (maintenance) : modification refusée, réessayez plus tard.");
}

}  // namespace

std::optional<std::string> session_cookie(const Request& req) {
    auto it = req.find(bhttp::field::cookie);
    if (it == req.end()) return std::nullopt;
    const std::string header(it->value());
    std::size_t pos = 0;
    while (pos < header.size()) {
        while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
        const auto end = header.find(';', pos);
        const std::string pair = header.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        const auto eq = pair.find('=');
        if (eq != std::string::npos && pair.substr(0, eq) == "crm_session") return pair.substr(eq + 1);
        if (end == std::string::npos) break;
        pos = end + 1;
    }
    return std::nullopt;
}

App::App(Config config)
    : config_(std::move(config)),
      clock_(config_.test_clock),
      limiter_(auth::LoginLimits{config_.login_max_failures_user, config_.login_max_failures_addr, 30, 15 * 60,
                                 static_cast<std::int64_t>(config_.login_window_minutes) * 60}),
      client_address_(config_.trusted_proxy) {
    auth::init_crypto();
    if (config_.test_clock && config_.test_now) clock_.set(*config_.test_now);
    if (db::dialect_of(config_.db_path) == db::Dialect::postgresql) {
        // Instances share no disk: the share-link secret must come with every instance's
        // environment, the same on all (a key file beside one instance would break the links
        // another one serves).
        if (config_.share_link_key.size() < 32)
            throw std::runtime_error(
                "CRM_DB is a PostgreSQL URL: set CRM_SHARE_LINK_KEY (32 characters or more, the same on every "
                "instance)");
    } else if (config_.db_read_only) {
        // Maintenance mode serves an existing database; it never creates one.
        if (!std::filesystem::is_regular_file(config_.db_path))
            throw std::runtime_error("CRM_DB_READ_ONLY=1 but " + config_.db_path + " does not exist");
    } else {
        const auto parent = std::filesystem::path(config_.db_path).parent_path();
        if (!parent.empty()) std::filesystem::create_directories(parent);
    }
    pool_ =
        std::make_unique<db::Pool>(config_.db_path, config_.io_threads + config_.password_workers + 1,
                                   static_cast<std::int64_t>(config_.db_max_mb) * 1024 * 1024, config_.db_read_only);
    idempotent_writes_ = std::make_unique<http::IdempotentWrites>(*pool_);
    providers_ = integrations::ProviderSettings::from_environment();
    auto sms = integrations::make_sms_provider(providers_);
    auto email = integrations::make_email_provider(providers_);
    providers_.sms_provider = sms->name();
    providers_.email_provider = email->name();
    if (email->name() != "outbox") account_mailer_ = integrations::make_email_provider(providers_);
    job_runner_ = std::make_unique<automation::JobRunner>(
        *pool_, [this] { return clock_.now(); }, std::move(sms), std::move(email), [this] { return stripe_settings(); },
        [this] { return public_url(); });
    scheduler_ =
        std::make_unique<automation::Scheduler>([this] { return job_runner_->run_pass(); }, config_.scheduler_seconds);
}

integrations::StripeSettings App::stripe_settings() const {
    return {config_.stripe_secret_key, config_.stripe_api_base, config_.stripe_payment_link_url, public_url() + "/",
            10000};
}

int App::run_due_jobs() {
    // A pass claims and updates jobs: nothing it could do on a read-only database.
    if (config_.db_read_only) throw read_only_error();
    return scheduler_->run_once();
}

App::~App() {
    stop();
}

auth::SessionPolicy App::session_policy() const {
    return {static_cast<std::int64_t>(config_.session_idle_minutes) * 60,
            static_cast<std::int64_t>(config_.session_max_hours) * 3600};
}

std::string App::public_url() const {
    if (!config_.public_url.empty()) return config_.public_url;
    const char* scheme = config_.tls_cert.empty() ? "http://" : "https://";
    return scheme + config_.host + ":" + std::to_string(port() ? port() : config_.port);
}

void App::prepare() {
    if (prepared_) return;
    if (config_.db_read_only) {
        // No migration, no seed: refuse to serve a schema older than this code.
        auto db = pool_->acquire();
        if (!db->read_only()) throw std::runtime_error("CRM_DB_READ_ONLY=1 but SQLite opened the database for writing");
        const auto pending = db::pending_migrations(*db);
        if (!pending.empty()) {
            std::string names;
            for (const auto& m : pending) names += (names.empty() ? "" : ", ") + m.name;
            throw std::runtime_error("CRM_DB_READ_ONLY=1 but " + config_.db_path + " needs " +
                                     std::to_string(pending.size()) + " migration(s) (" + names +
                                     "): start once without CRM_DB_READ_ONLY to apply them");
        }
    } else {
        auto db = pool_->acquire();
        db::migrate(*db);
        if (config_.seed && seeder_) seeder_(*db, now());
        leads::refresh_connect_rates(*db, now());  // the queue ranks with this hour's table from the start
    }
    // Logins for unknown users still pay for one Argon2 verification, so timing does not
    // reveal which usernames exist.
    dummy_hash_ = auth::hash_password(auth::random_token(16));
    register_routes();
    prepared_ = true;
}

void App::register_routes() {
    api::register_all_routes(router_, *this);
}

void App::refuse_demo_passwords_on_reachable_address() {
    if (config_.demo || accounts::is_loopback_host(config_.host)) return;
    auto db = pool_->acquire();
    const auto names = accounts::accounts_with_demo_password(*db);
    if (names.empty()) return;
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    throw std::runtime_error("refusing to listen on " + config_.host + ": account(s) " + list +
                             " still have the demo password (change it: crm-server --set-password NAME; or "
                             "CRM_DEMO=1 for a demo on purpose)");
}

bool App::runs_on_workers(const Request& req) const {
    if (req.method() != Verb::post) return false;  // every worker route is a POST
    std::string path(req.target());
    path = path.substr(0, path.find('?'));
    const auto match = router_.match(req.method(), path);
    return match.route && match.route->on_workers;
}

void App::start() {
    prepare();
    refuse_demo_passwords_on_reachable_address();
    auth::check_password_dictionary();
    ServerOptions options;
    options.io_threads = config_.io_threads;
    options.max_connections = config_.max_connections;
    options.worker_threads = config_.password_workers;
    options.worker_queue = config_.password_queue;
    options.on_workers = [this](const Request& req) { return runs_on_workers(req); };
    options.headers = SecurityHeaders{config_.https()};
    options.tls = TlsFiles{config_.tls_cert, config_.tls_key};
    server_ = std::make_unique<Server>(
        config_.host, config_.port, [this](Request& req, const std::string& peer) { return handle(req, peer); },
        std::move(options));
    server_->start();
    if (!config_.db_read_only) scheduler_->start();  // every pass writes
    if (!after_start_.empty() && !after_start_thread_.joinable())
        after_start_thread_ = std::thread([this] {
            for (const auto& task : after_start_) {
                try {
                    task();
                } catch (const std::exception& e) {
                    std::fprintf(stderr, "{\"level\":\"warn\",\"what\":\"after_start\",\"error\":%s}\n",
                                 json_escape(e.what()).c_str());
                }
            }
        });
}

void App::stop() {
    if (after_start_thread_.joinable()) after_start_thread_.join();  // it reads through the pool
    if (scheduler_) scheduler_->stop();
    if (server_) server_->stop();
}

void App::wait_for_signal() {
    if (server_) server_->wait_for_signal();
}

std::optional<AuthUser> App::session_user(const Request& req, std::string& token_hash) {
    auto token = session_cookie(req);
    if (!token || token->empty() || token->size() > 100) return std::nullopt;
    token_hash = auth::sha256_hex(*token);
    const auto epoch = db::write_epoch();  // before reading: see db::write_epoch()
    const auto t = now();
    // The cache is keyed on this process's writes: on PostgreSQL another instance may end the
    // session, so every request asks the database (one primary-key lookup).
    const bool cacheable = pool_->dialect() == db::Dialect::sqlite;
    if (cacheable)
        if (auto hit = sessions_.find(token_hash, epoch, t)) return hit;
    auto db = pool_->acquire();
    std::int64_t recheck_at = 0;
    auto user = auth::find_session_user(*db, token_hash, t, session_policy(), &recheck_at);
    // The lookup may have refreshed the idle timer (a write): the next request re-reads once.
    if (user && cacheable) sessions_.put(token_hash, *user, epoch, recheck_at);
    return user;
}

Response App::handle(Request& req, const std::string& peer) {
    const auto started = std::chrono::steady_clock::now();
    const auto client_addr = client_address_.of(req, peer);
    std::optional<std::int64_t> user_id;
    Response res;
    try {
        res = dispatch(req, client_addr, user_id);
    } catch (const ApiError& e) {
        res = error_response(req, e);
    } catch (const db::DbError& e) {
        if (e.is_readonly()) {
            res = error_response(req, read_only_error());
        } else if (e.is_busy() || e.is_readonly_or_full()) {
            res = error_response(req, ApiError(503, "unavailable", "Base de données indisponible, réessayez."));
        } else if (e.is_constraint()) {
            res = error_response(req, ApiError(409, "conflict", "Conflit avec les données existantes."));
        } else {
            std::fprintf(stderr, "{\"level\":\"error\",\"what\":\"db\",\"error\":%s}\n", json_escape(e.what()).c_str());
            res = error_response(req, ApiError(500, "internal", "Erreur interne."));
        }
    } catch (const nlohmann::json::exception&) {
        // A value of the wrong type in a request body.
        res = error_response(req, bad_request("Un champ du corps de la requête a un type inattendu."));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "{\"level\":\"error\",\"what\":\"handler\",\"error\":%s}\n",
                     json_escape(e.what()).c_str());
        res = error_response(req, ApiError(500, "internal", "Erreur interne."));
    }
    SecurityHeaders{config_.https()}.apply(res);
    if (config_.access_log) {
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        std::string target(req.target());
        const auto q = target.find('?');
        const std::string path = loggable_path(target.substr(0, q));
        std::printf("{\"ts\":\"%s\",\"method\":\"%s\",\"path\":%s,\"status\":%u,\"ms\":%.2f,\"user\":%s}\n",
                    format_iso_utc(clock_.now()).c_str(), std::string(req.method_string()).c_str(),
                    json_escape(path).c_str(), res.result_int(), ms,
                    user_id ? std::to_string(*user_id).c_str() : "null");
        std::fflush(stdout);
    }
    return res;
}

Response App::dispatch(Request& req, const std::string& client_addr, std::optional<std::int64_t>& user_id) {
    std::string target(req.target());
    const auto qpos = target.find('?');
    const std::string path = target.substr(0, qpos);
    const std::string query = qpos == std::string::npos ? "" : target.substr(qpos + 1);

    const bool api = path.rfind("/api/", 0) == 0 || path == "/api";
    const bool routed = api || path == "/healthz" || path.rfind("/p/", 0) == 0 || path.rfind("/setup/", 0) == 0;
    std::string token_hash;

    if (!routed) {
        auto user = session_user(req, token_hash);
        if (user) user_id = user->id;
        return serve_static(req, path, user);
    }

    auto match = router_.match(req.method(), path);
    if (!match.route) {
        if (match.path_known) throw ApiError(405, "method_not_allowed", "Méthode non autorisée pour cette adresse.");
        throw not_found("Adresse d'API inconnue.");
    }
    const Route& route = *match.route;

    RequestContext ctx{req, *this, path, parse_query(query), std::move(match.params), std::nullopt, "", client_addr};
    ctx.user = session_user(req, token_hash);
    ctx.session_token_hash = token_hash;
    if (ctx.user) user_id = ctx.user->id;

    if (!route.access.is_public() && !ctx.user) throw unauthenticated();
    const bool safe_method = req.method() == Verb::get || req.method() == Verb::head;
    if (api && !safe_method && !route.access.csrf_exempt()) {
        auto it = req.find("X-Requested-With");
        if (it == req.end() || it->value() != "crm")
            throw ApiError(403, "csrf", "En-tête X-Requested-With: crm manquant.");
    }
    if (!route.access.is_public() && !route.access.allows(ctx.user->role)) throw forbidden();
    // A signed-in user's write may be retried under an Idempotency-Key (the console's offline
    // outbox) and then applies once. Logins and logouts keep their own rules.
    if (api && !safe_method && !route.access.is_public() && path.rfind("/api/auth/", 0) != 0)
        if (auto key = idempotency_key(req))
            return idempotent_writes_->run(req, ctx.user->id, *key, now(), [&] { return route.handler(ctx); });
    return route.handler(ctx);
}

Response App::serve_static(const Request& req, const std::string& raw_path, const std::optional<AuthUser>& user) {
    if (req.method() != Verb::get && req.method() != Verb::head)
        throw ApiError(405, "method_not_allowed", "Méthode non autorisée.");
    const std::string path = url_decode(raw_path);
    // The operator console bundle is only for operator/admin sessions.
    if (path == "/operator" || path.rfind("/operator/", 0) == 0) {
        if (!user) throw unauthenticated();
        if (user->role == Role::agent) throw forbidden();
        const std::string rel = path.size() > 10 ? path.substr(10) : "index.html";
        if (auto res = serve_file(req, config_.operator_dir, rel, false)) return std::move(*res);
        throw not_found("Console opérateur non construite.");
    }
    const std::string rel = path.size() > 1 ? path.substr(1) : "index.html";
    const bool hashed_asset = rel.rfind("assets/", 0) == 0;
    if (auto res = serve_file(req, config_.web_dir, rel, hashed_asset)) return std::move(*res);
    // Single-page app: any other extension-less path is the app's own route.
    if (path == "/" || std::filesystem::path(rel).extension().empty()) {
        if (auto res = serve_file(req, config_.web_dir, "index.html", false)) return std::move(*res);
        Response res{bhttp::status::service_unavailable, req.version()};
        res.set(bhttp::field::content_type, "text/plain; charset=utf-8");
        res.body() = "The web app is not built yet: run ./scripts/dev run\n";
        res.prepare_payload();
        return res;
    }
    throw not_found();
}

}  // namespace crm
