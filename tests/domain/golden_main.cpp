// Prints the queue order and an .ics for a fixed, generated data set. Built natively and as
// WebAssembly: the two outputs must be byte-identical (and equal to golden/queue_and_ics.txt).
#include <cstdio>

#include "crm/domain/ics.hpp"
#include "crm/domain/json.hpp"
#include "golden_dataset.hpp"

int main() {
    using namespace crm::domain;
    const auto now = *parse_iso_utc("2026-11-20T09:30:00Z");
    Settings s;
    for (int d = 0; d < 7; ++d)
        for (int h = 0; h < 24; ++h) s.connect_rate[d][h] = ((d * 24 + h) * 37 % 100) / 100.0;
    const auto leads = golden::make_leads(500, now);
    const auto r = rank_queue(leads, now, s);
    std::printf("window %s\n", nlohmann::json(r.window).dump().c_str());
    for (const auto& item : r.items)
        std::printf("%lld %d %d %d %d %s\n", static_cast<long long>(item.lead_id), item.priority, item.hot_score,
                    item.hot ? 1 : 0, item.ready_to_sell ? 1 : 0,
                    queue_item_json(item, leads[item.index])["reasons"].dump().c_str());
    for (const auto& ex : r.excluded) std::printf("excluded %s\n", nlohmann::json(ex).dump().c_str());
    IcsEvent e;
    e.uid = "golden@lead-crm";
    e.stamp = now;
    e.start = now + 86400;
    e.end = now + 90000;
    e.summary = "Rendez-vous d'estimation — Émilie Rousseau, 3 pièces lumineux avec balcon et parking";
    e.location = "Lyon, 69004";
    e.organizer = {"Opérateur", "operateur@example.fr"};
    std::fputs(build_ics(e).c_str(), stdout);
    return 0;
}
