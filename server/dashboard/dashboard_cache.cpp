#include "dashboard/dashboard_cache.hpp"

namespace crm::dashboard {

std::string DashboardCache::answer(int days, std::int64_t now, std::uint64_t epoch,
                                   const std::function<std::string()>& make) {
    std::lock_guard lock(mutex_);
    const auto it = kept_.find(days);
    if (it != kept_.end() && it->second.epoch == epoch && it->second.now == now) return it->second.text;
    // The epoch was read before the computation reads anything: a write during it leaves the
    // answer under the older epoch, and the next reader computes again.
    auto text = make();
    kept_[days] = {epoch, now, text};
    return text;
}

}  // namespace crm::dashboard
