// GET /api/dashboard on a large book: 100,000 leads, 1,000,000 interactions, 20,000
// deliveries with their payments, 10,000 appointments (one year of history, deterministic).
// Times the whole endpoint over HTTP (a real server on loopback, logged in as admin) and the
// query function alone. Prints median and min of each. Target: <= 100 ms (docs/PERFORMANCE.md).
//
//   cmake --build build -j2 --target dashboard_timing && build/tests/bench/dashboard_timing
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "book_generator.hpp"
#include "dashboard/dashboard.hpp"
#include "db/database.hpp"
#include "settings/settings_repo.hpp"
#include "support/test_server.hpp"

using namespace crm;

namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

struct Stat {
    double median, min;
};
template <typename F>
Stat time_runs(int runs, F&& f) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        ms.push_back(ms_since(t0));
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.front()};
}

}  // namespace

int main(int argc, char** argv) {
    const int n_leads = argc > 1 ? std::atoi(argv[1]) : 100000;
    const int n_inter = argc > 2 ? std::atoi(argv[2]) : 1000000;
    const int n_del = argc > 3 ? std::atoi(argv[3]) : 20000;
    const int runs = 15;
    testing::TestServer server([](Config& c) { c.io_threads = 2; });
    const auto now = server.now();
    {
        db::Database db(server.db_path());
        const auto t0 = std::chrono::steady_clock::now();
        bench::generate_book(db, now, n_leads, n_inter, n_del);
        if (const char* keep = std::getenv("CRM_BENCH_KEEP"))  // a copy to study with the sqlite3 shell
            db.prepare("VACUUM INTO ?").bind(1, keep).run();
        std::printf("generated %d leads, %d interactions, %d deliveries in %.1f s\n", n_leads, n_inter, n_del,
                    ms_since(t0) / 1000);
    }
    auto op = server.client();
    if (op.login("admin").status != 200) {
        std::fprintf(stderr, "login failed\n");
        return 1;
    }
    for (int days : {7, 30}) {
        const std::string target = "/api/dashboard?days=" + std::to_string(days);
        if (op.get(target).status != 200) {  // also warms the page cache
            std::fprintf(stderr, "dashboard failed\n");
            return 1;
        }
        const auto http = time_runs(runs, [&] { op.get(target); });
        db::Database db(server.db_path());
        const auto settings = settings::load_settings(db);
        std::size_t sink = 0;
        const auto direct = time_runs(runs, [&] { sink += dashboard::dashboard_json(db, now, days, settings).size(); });
        std::printf("days=%-2d  over HTTP: median %7.1f ms (min %7.1f)   query function: median %7.1f ms (min %7.1f)\n",
                    days, http.median, http.min, direct.median, direct.min);
        (void)sink;
    }
    return 0;
}
