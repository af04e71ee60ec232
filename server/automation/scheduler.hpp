#pragma once
// The in-process scheduler: every few seconds, one pass turns the clock-driven rules into
// jobs (time_rules) and runs the due jobs (JobRunner). POST /api/jobs/run-due and
// `crm-server --run-due` run the same pass once.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace crm::automation {

class Scheduler {
public:
    // `pass` does one full pass and returns how many jobs it processed.
    Scheduler(std::function<int()> pass, int interval_seconds) : pass_(std::move(pass)), interval_(interval_seconds) {}
    ~Scheduler() { stop(); }
    void start();
    void stop();
    int run_once();  // serialised with the thread's own passes
    // Runs the next pass now rather than at the next tick (a job was just queued for now).
    void wake();

private:
    std::function<int()> pass_;
    int interval_;
    std::thread thread_;
    std::mutex run_mutex_;
    std::mutex wait_mutex_;
    std::condition_variable wake_;
    std::atomic<bool> stopping_{false};
    bool woken_ = false;  // guarded by wait_mutex_
};

}  // namespace crm::automation
