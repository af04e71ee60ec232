// The same ranking loop, timed with std::chrono, built natively and with em++ so that
// scripts/bench-domain can compare native and WebAssembly in one run. Prints one line per
// size: "<leads> <median ms> <min ms>".
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "crm/domain/queue.hpp"
#include "golden_dataset.hpp"

int main() {
    using namespace crm::domain;
    const auto now = *parse_iso_utc("2026-11-20T09:30:00Z");
    const Settings settings;
    for (int n : {1000, 10000, 100000}) {
        const auto leads = golden::make_leads(n, now);
        const int runs = n >= 100000 ? 15 : n >= 10000 ? 100 : 500;  // more runs where one is short
        std::vector<double> ms;
        std::size_t sink = 0;
        for (int i = 0; i < runs; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            auto r = rank_queue(leads, now, settings);
            const auto t1 = std::chrono::steady_clock::now();
            sink += r.items.size();
            ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        }
        std::sort(ms.begin(), ms.end());
        std::printf("%d %.2f %.2f %zu\n", n, ms[ms.size() / 2], ms.front(), sink / static_cast<std::size_t>(runs));
    }
    return 0;
}
