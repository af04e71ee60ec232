#include "automation/scheduler.hpp"

#include <chrono>
#include <cstdio>
#include <exception>

namespace crm::automation {

void Scheduler::start() {
    if (thread_.joinable() || interval_ <= 0) return;
    stopping_ = false;
    thread_ = std::thread([this] {
        while (!stopping_) {
            try {
                run_once();
            } catch (const std::exception& e) {
                // A failing pass (e.g. the database is busy) is retried at the next tick.
                std::fprintf(stderr, "{\"level\":\"warn\",\"what\":\"scheduler\",\"error\":\"%s\"}\n", e.what());
            }
            std::unique_lock<std::mutex> lock(wait_mutex_);
            wake_.wait_for(lock, std::chrono::seconds(interval_), [this] { return stopping_.load() || woken_; });
            woken_ = false;
        }
    });
}

void Scheduler::stop() {
    {
        std::lock_guard<std::mutex> lock(wait_mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void Scheduler::wake() {
    {
        std::lock_guard<std::mutex> lock(wait_mutex_);
        woken_ = true;
    }
    wake_.notify_all();
}

int Scheduler::run_once() {
    std::lock_guard<std::mutex> lock(run_mutex_);
    return pass_();
}

}  // namespace crm::automation
