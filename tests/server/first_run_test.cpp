// The real crm-server binary, as a new owner runs it: the refusal to serve a reachable
// address while a demo password is left, and the production first run of "Running it for
// real" (no demo data, an account made on the command line, its password from standard input).
#include <catch2/catch.hpp>
#include <filesystem>

#include "support/processes.hpp"
#include "support/test_server.hpp"

using namespace crm::testing;

namespace {

std::map<std::string, std::string> server_env(const std::string& db, const std::string& host, bool seed) {
    return {{"CRM_DB", db},          {"CRM_HOST", host},
            {"CRM_PORT", "0"},       {"CRM_SEED", seed ? "1" : "0"},
            {"CRM_ACCESS_LOG", "0"}, {"CRM_SCHEDULER_SECONDS", "0"}};
}

int lines(const std::string& text) {
    int n = 0;
    for (char c : text) n += c == '\n';
    return n;
}

}  // namespace

TEST_CASE("a reachable address with demo passwords: refused in one line, unless CRM_DEMO=1", "[sqlite]") {
    const auto dir = make_temp_dir();
    auto env = server_env(dir + "/crm.db", "0.0.0.0", true);

    const auto refused = run_crm_server({}, env);
    CHECK(refused.exit_code == 1);
    CHECK(lines(refused.err) == 1);
    CHECK(refused.err.find("demo password") != std::string::npos);
    CHECK(refused.err.find("admin") != std::string::npos);
    CHECK(refused.err.find("CRM_DEMO=1") != std::string::npos);
    CHECK(refused.out.find("listening") == std::string::npos);

    SECTION("loopback: the newcomer's demo starts as before") {
        ServerProcess demo(server_env(dir + "/crm.db", "127.0.0.1", true));
        CHECK(demo.started());
    }
    SECTION("CRM_DEMO=1: a demo on purpose") {
        env["CRM_DEMO"] = "1";
        ServerProcess demo(env);
        REQUIRE(demo.started());
        Client c(static_cast<unsigned short>(demo.port()));
        CHECK(c.login("admin").status == 200);
    }
    SECTION("once every demo password is changed, it starts") {
        for (const char* name : {"admin", "alice.martin", "ben.leroy"})
            REQUIRE(run_crm_server({"--set-password", name}, env, "Velo-Rouge-Quai-42\n").exit_code == 0);
        ServerProcess real(env);
        REQUIRE(real.started());
        Client c(static_cast<unsigned short>(real.port()));
        CHECK(c.login("admin", "demo123").status == 401);
        CHECK(c.login("admin", "Velo-Rouge-Quai-42").status == 200);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("production first run: CRM_SEED=0, --create-user, --set-password from standard input", "[sqlite]") {
    const auto dir = make_temp_dir();
    const auto env = server_env(dir + "/crm.db", "0.0.0.0", false);

    const auto created =
        run_crm_server({"--create-user", "sophie", "--role", "operator", "--name", "Sophie Morel"}, env);
    REQUIRE(created.exit_code == 0);
    CHECK(created.out.find("account created: sophie (operator)") != std::string::npos);
    CHECK(created.out.find("/setup/") != std::string::npos);
    CHECK(run_crm_server({"--create-user", "sophie", "--role", "operator"}, env).exit_code == 1);  // taken
    CHECK(run_crm_server({"--create-user", "x", "--role", "boss"}, env).exit_code == 1);
    CHECK(run_crm_server({"--create-user", "paul", "--role"}, env).exit_code == 2);  // usage

    const auto weak = run_crm_server({"--set-password", "sophie"}, env, "azertyuiop\n");
    CHECK(weak.exit_code == 1);
    CHECK(weak.err.find("Mot de passe refusé") != std::string::npos);
    CHECK(run_crm_server({"--set-password", "nobody"}, env, "Velo-Rouge-Quai-42\n").exit_code == 1);
    const auto set = run_crm_server({"--set-password", "sophie"}, env, "Velo-Rouge-Quai-42\n");
    REQUIRE(set.exit_code == 0);
    CHECK(set.out.find("Velo") == std::string::npos);  // the password is never echoed

    ServerProcess server(env);  // reachable, and no demo account anywhere
    INFO(server.err());
    REQUIRE(server.started());
    Client owner(static_cast<unsigned short>(server.port()));
    for (const char* demo : {"admin", "alice.martin", "ben.leroy"}) CHECK(owner.login(demo).status == 401);
    auto login = owner.login("sophie", "Velo-Rouge-Quai-42");
    REQUIRE(login.status == 200);
    CHECK(login.json()["user"]["role"] == "operator");
    const auto users = owner.get("/api/users").json()["items"];
    REQUIRE(users.size() == 1);
    CHECK(users[0]["displayName"] == "Sophie Morel");
    CHECK(owner.get("/api/leads").json()["total"] == 0);  // no demo leads either
    std::filesystem::remove_all(dir);
}

TEST_CASE("assets/ missing: serving and --create-user refuse in one line; migrating and --set-password still work",
          "[sqlite]") {
    const auto dir = make_temp_dir();
    auto env = server_env(dir + "/crm.db", "127.0.0.1", true);
    env["CRM_ASSETS_DIR"] = dir + "/no-assets";
    REQUIRE(run_crm_server({"--migrate-only"}, env).exit_code == 0);
    CHECK(run_crm_server({"--set-password", "admin"}, env, "Velo-Rouge-Quai-42\n").exit_code == 0);

    const auto serve = run_crm_server({}, env);
    CHECK(serve.exit_code == 1);
    CHECK(serve.err.find("asset missing:") != std::string::npos);
    CHECK(serve.err.find("CRM_ASSETS_DIR") != std::string::npos);
    CHECK(lines(serve.err) == 1);
    const auto create = run_crm_server({"--create-user", "sophie", "--role", "operator"}, env);
    CHECK(create.exit_code == 1);
    CHECK(create.err.find("asset missing:") != std::string::npos);
    std::filesystem::remove_all(dir);
}
