// Fills a migrated, seeded database with the benchmark book (scripts/bench-load): by default
// 100,000 leads, 300,000 interactions and 5,000 deliveries, dated around `now`.
//
//   load_book DB_PATH NOW_UNIX [leads] [interactions] [deliveries]
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "book_generator.hpp"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: load_book DB_PATH NOW_UNIX [leads] [interactions] [deliveries]\n");
        return 2;
    }
    const std::int64_t now = std::atoll(argv[2]);
    const int leads = argc > 3 ? std::atoi(argv[3]) : 100000;
    const int interactions = argc > 4 ? std::atoi(argv[4]) : 300000;
    const int deliveries = argc > 5 ? std::atoi(argv[5]) : 5000;
    const auto t0 = std::chrono::steady_clock::now();
    crm::db::Database db(argv[1]);
    crm::bench::generate_book(db, now, leads, interactions, deliveries);
    std::printf("book: %d leads, %d interactions, %d deliveries in %.1f s\n", leads, interactions, deliveries,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    return 0;
}
