// Google Benchmark: ranking the whole queue (hot score, priority, exclusions, sort) for 1k,
// 10k and 100k generated leads. Run by `./scripts/dev bench`, not by the test command.
#include <benchmark/benchmark.h>

#include "crm/domain/queue.hpp"
#include "golden_dataset.hpp"

namespace {

void BM_RankQueue(benchmark::State& state) {
    using namespace crm::domain;
    const auto now = *parse_iso_utc("2026-11-20T09:30:00Z");
    const Settings settings;
    const auto leads = golden::make_leads(static_cast<int>(state.range(0)), now);
    for (auto _ : state) {
        auto result = rank_queue(leads, now, settings);
        benchmark::DoNotOptimize(result.items.data());
        // Freeing the result is not ranking: keep it out of the timed region.
        state.PauseTiming();
        result = QueueResult{};
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_RankQueue)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

// The same, with the previous result freed inside the loop (what a server pays per request).
void BM_RankQueueAndFree(benchmark::State& state) {
    using namespace crm::domain;
    const auto now = *parse_iso_utc("2026-11-20T09:30:00Z");
    const Settings settings;
    const auto leads = golden::make_leads(static_cast<int>(state.range(0)), now);
    for (auto _ : state) {
        auto result = rank_queue(leads, now, settings);
        benchmark::DoNotOptimize(result.items.data());
    }
}
BENCHMARK(BM_RankQueueAndFree)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
