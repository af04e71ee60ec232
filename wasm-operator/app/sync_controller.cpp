// Offline: the device's copy (IndexedDB), the outbox of changes made without the network,
// and GET /api/sync. Order on reconnect: the outbox replays first, one
// op at a time in the order made (each with its id as Idempotency-Key), then the sync fetches
// what changed since the cursor, so a sync never hides a change that is still on its way.
#include <emscripten.h>

#include "app/sync_controller.hpp"

#include <algorithm>
#include <cstdlib>

#include "app/device_storage.hpp"
#include "crm/domain/json.hpp"
#include "crm/domain/outcomes.hpp"

namespace crm::console {

namespace {

std::string lead_name(const domain::Lead& l) {
    return l.first_name + " " + l.last_name;
}

// The lead in a write's answer: the outcome's {lead, …}, or the lead itself (stage moves).
std::optional<domain::Lead> lead_in(const nlohmann::json& j) {
    try {
        if (j.is_object() && j.contains("lead") && j["lead"].is_object()) return j["lead"].get<domain::Lead>();
        if (j.is_object() && j.contains("firstName") && j.contains("stage")) return j.get<domain::Lead>();
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

std::int64_t task_id_in(const std::string& path) {  // "/api/tasks/12/done" → 12
    const std::string prefix = "/api/tasks/";
    if (path.rfind(prefix, 0) != 0) return 0;
    return std::atoll(path.c_str() + prefix.size());
}

}  // namespace

void SyncController::load_device_copy() {
    device_load();
}

PendingOp SyncController::new_op(const domain::Lead& lead, const std::string& path, nlohmann::json body,
                                 std::string label) {
    unsigned char random[16];
    random_bytes(random);
    PendingOp op;
    op.id = make_op_id(random);
    op.path = path;
    op.body = std::move(body);
    op.lead_id = lead.id;
    op.label = std::move(label);
    op.made_at = state_.now();
    // What the lead becomes, by the domain library and the stored rules, as the server will do.
    domain::Lead after = lead;
    const std::string kind = path.substr(path.rfind('/') + 1);
    if (kind == "outcome") {
        if (const auto o = domain::parse_outcome(op.body.value("outcome", std::string()))) {
            domain::apply_outcome(after, domain::plan_outcome(*o, lead), op.made_at);
            for (const auto& a : store_.state_actions(std::string("outcome:") + domain::to_string(*o)))
                domain::apply_state_action(after, a, op.made_at, state_.settings());
            if (*o == domain::Outcome::booked) after.has_booked_slot = true;
        }
        op.expected = after;
    } else if (kind == "tasks") {
        if (const auto due = domain::parse_iso_utc(op.body.value("dueAt", std::string()))) after.next_action_at = *due;
        op.expected = after;
    } else if (kind == "stage") {
        op.expected = after;  // the caller sets the stage
    }
    return op;
}

void SyncController::submit(PendingOp op, std::function<void(const ApiResult&)> answer) {
    // Known offline, or earlier changes still waiting: this one waits behind them (in order).
    if (!state_.online || !outbox_.empty() || !state_.sync.device_loaded) return keep_offline(std::move(op));
    api_.send_keyed(op.method, op.path, op.body, op.id, [this, op, answer](const ApiResult& r) {
        if (r.status == 0) {  // the answer was lost or never came: the replay carries the same id
            state_.online = false;
            return keep_offline(op);
        }
        state_.online = true;
        if (r.ok())
            if (const auto lead = lead_in(r.json())) {
                state_.upsert_lead(*lead);
                keep_lead(*lead);
                device_changed();
            }
        answer(r);
    });
}

void SyncController::keep_offline(PendingOp op) {
    const auto kind = op.path.substr(op.path.rfind('/') + 1);
    if (op.expected) {
        state_.upsert_lead(*op.expected);
        keep_lead(*op.expected);
    }
    if (kind == "outcome" || kind == "notes")
        store_.add_interaction({{"leadId", op.lead_id},
                                {"kind", kind == "notes" ? "note" : "call"},
                                {"summary", kind == "notes" ? op.body.value("text", std::string()) : op.label},
                                {"timestamp", domain::format_iso_utc(op.made_at)},
                                {"userName", state_.user_name},
                                {"offline", true}});
    apply_follow_up_offline(op);
    const auto label = op.label;
    outbox_.push(std::move(op));
    state_.sync.pending = outbox_.size();
    device_changed();
    state_.flash = label + " : enregistré sur l'appareil, envoyé au retour du réseau (" +
                   std::to_string(outbox_.size()) + " en attente).";
    hooks_.lead_history_changed();
}

void SyncController::on_device_records(const std::string& kind, const std::string& records) {
    if (!loading_ok_) return;
    if (kind != "leads") {
        loading_ok_ = loading_.load_device_records(kind, nlohmann::json::parse(records, nullptr, false));
        return;
    }
    // The console's copy is gathered part by part too (as a first sync's, see staged_): copying
    // and indexing 100,000 leads at the end was a 50 ms frame.
    std::vector<domain::Lead> loaded;
    loading_ok_ = loading_.load_device_leads(records, loaded);
    for (auto& lead : loaded) stage(std::move(lead));
}

void SyncController::on_device_loaded(const std::string* meta, const std::string* outbox) {
    if (meta && loading_ok_ && loading_.load_device_meta(nlohmann::json::parse(*meta, nullptr, false))) {
        const auto fresh_rules = store_.rules();  // /api/rules may have answered first
        store_ = std::move(loading_);
        if (!fresh_rules.empty()) store_.set_rules(fresh_rules);
        std::optional<domain::Settings> settings;
        if (const auto s = store_.settings(); s && !settings_.from_server()) settings = s;
        replace_with_staged(settings);
        refresh_follow_ups();
        state_.sync.from_device = !store_.empty();
        state_.sync.cursor = store_.cursor();
        state_.sync.last_sync = store_.last_sync();
    } else if (meta || !loading_ok_) {
        // An unreadable copy (or one written by an older console): the sync brings it all
        // again, and the first writes replace it.
        store_.device_write_failed();
    }
    loading_ = OfflineStore();
    staged_.clear();  // what was gathered of a copy refused
    staged_at_.clear();
    if (outbox)
        if (auto parsed = Outbox::from_json(nlohmann::json::parse(*outbox, nullptr, false))) {
            // Stored ops were made first; any made while the copy was being read follow them.
            for (const auto& op : outbox_.ops()) parsed->push(op);
            outbox_ = std::move(*parsed);
        }
    state_.sync.pending = outbox_.size();
    state_.sync.device_loaded = true;
    hooks_.leads_replaced();
    sync_now();
}

void SyncController::on_device_saved(int revision) {
    saving_ = false;
    if (revision == 0) {
        store_.device_write_failed();
        save_retry_at_ms_ = emscripten_get_now() + 30000;
        state_.error =
            "Copie sur l'appareil impossible (stockage du navigateur refusé) : rien n'est perdu tant "
            "que la page reste ouverte.";
        return;
    }
    if (revision != kPartialWrite) state_.sync.saved_revision = revision;
}

void SyncController::sync_now() {
    if (!state_.sync.device_loaded) return;  // on_device_loaded starts it, with the cursor
    if (state_.sync.syncing) {
        sync_again_ = true;
        return;
    }
    state_.sync.syncing = true;
    last_sync_ms_ = emscripten_get_now();
    replay_next();
}

void SyncController::replay_next() {
    const PendingOp* front = outbox_.front();
    if (!front) {
        store_.drop_local_interactions();  // the server has them all: the sync brings them back
        return fetch_sync_page();
    }
    const PendingOp op = *front;
    api_.send_keyed(op.method, op.path, op.body, op.id, [this, op](const ApiResult& r) {
        const auto verdict = replay_verdict(r.status);
        if (verdict == ReplayVerdict::retry_later) {
            state_.online = r.status != 0 && r.status != 503;
            state_.sync.syncing = false;
            retry_at_ms_ = emscripten_get_now() + 10000;
            return;
        }
        state_.online = true;
        if (verdict == ReplayVerdict::done)
            note_server_lead(op, r.json());
        else
            state_.sync.changes.push_back(op.label + " (lead " + std::to_string(op.lead_id) +
                                          ") refusé par le serveur : " + r.error_message());
        outbox_.pop_front();
        ++replayed_;
        state_.sync.pending = outbox_.size();
        device_changed();
        replay_next();
    });
}

// Server wins on fields: the console shows its lead, and says where it differs from what the
// device had shown.
void SyncController::note_server_lead(const PendingOp& op, const nlohmann::json& answer) {
    const auto lead = lead_in(answer);
    if (!lead) return;
    if (op.expected) {
        const auto& mine = *op.expected;
        std::string diff;
        if (mine.status != lead->status)
            diff += std::string(" statut ") + domain::to_string(mine.status) + " → " + domain::to_string(lead->status);
        if (mine.stage != lead->stage)
            diff += std::string(" étape ") + domain::stage_label_fr(mine.stage) + " → " +
                    domain::stage_label_fr(lead->stage);
        if (mine.dnc != lead->dnc) diff += lead->dnc ? " ne pas contacter" : " contact rétabli";
        if (!diff.empty())
            state_.sync.changes.push_back(lead_name(*lead) + " (" + op.label + ") : le serveur l'emporte —" + diff);
    }
    state_.upsert_lead(*lead);
    keep_lead(*lead);
}

void SyncController::fetch_sync_page() {
    // Each page is applied as it arrives and asks for the next at once (a page is about 30 ms of
    // work here: under the 50 ms of a long task).
    api_.get_at_once("/api/sync?limit=1000&since=" + std::to_string(store_.cursor()), [this](const ApiResult& r) {
        if (!r.ok()) {
            state_.online = r.status != 0 && r.status != 503;
            state_.sync.syncing = false;
            retry_at_ms_ = emscripten_get_now() + 10000;
            if (r.status != 0) state_.error = "Synchronisation : " + r.error_message();
            return;
        }
        state_.online = true;
        if (!store_.apply_sync_text(r.body, state_.now())) {
            state_.sync.syncing = false;
            state_.error = "Synchronisation : réponse du serveur illisible.";
            return;
        }
        sync_changed_ = sync_changed_ || store_.last_sync_changed();
        const auto& page = store_.last_page();
        settings_changed_ = settings_changed_ || page.settings_changed;
        if (page.full) {
            leads_replaced_ = true;
            leads_upserted_.clear();
            leads_removed_.clear();
            staged_.clear();
            staged_at_.clear();
            // Room for the whole book at once: growing 100,000 leads and their index by doubling
            // moved them all several times, a tenth of a second each time (bounded: the number
            // comes from the network).
            const auto room = static_cast<std::size_t>(std::min<std::int64_t>(page.lead_total, 2000000));
            staged_.reserve(room);
            staged_at_.reserve(room);
        }
        state_.sync.lead_total = page.lead_total;
        if (leads_replaced_) {
            for (auto& lead : store_.leads_with_ids(page.upserted)) stage(std::move(lead));
            for (const auto id : page.removed) unstage(id);
            state_.sync.leads_received = staged_.size();
        }
        if (!leads_replaced_) {
            leads_upserted_.insert(page.upserted.begin(), page.upserted.end());
            leads_removed_.insert(page.removed.begin(), page.removed.end());
        }
        if (page.more) return fetch_sync_page();
        // The minute's refresh found nothing new: the leads and the ranking stand as they are,
        // and the device's copy gains only the new cursor (re-ranking and re-saving a large book
        // every minute stalled frames).
        last_sync_ms_ = emscripten_get_now();  // from the end: a long first sync is not redone at once
        const bool changed = sync_changed_ || replayed_ > 0 || state_.sync.from_device || !outbox_.empty();
        sync_changed_ = false;
        if (!changed) return end_sync();
        // Changes made while this sync ran are still on their way: the device keeps showing them.
        for (const auto& op : outbox_.ops()) {
            if (op.expected) {
                keep_lead(*op.expected);
                leads_upserted_.insert(op.lead_id);
            }
            apply_follow_up_offline(op);
        }
        finish_sync_changes();
        refresh_follow_ups();
        state_.sync.from_device = false;
        if (replayed_ > 0)
            state_.flash = "Réseau revenu : " + std::to_string(replayed_) + " modification(s) envoyée(s) au serveur" +
                           (state_.sync.changes.empty() ? "." : " · écarts dans la barre d'état.");
        replayed_ = 0;
        device_changed();
        hooks_.lead_history_changed();
        end_sync();
    });
}

void SyncController::end_sync() {
    state_.sync.leads_received = 0;
    state_.sync.cursor = store_.cursor();
    state_.sync.last_sync = store_.last_sync();
    state_.sync.syncing = false;
    state_.error.clear();
    if (sync_again_) {
        sync_again_ = false;
        sync_now();
    }
}

void SyncController::stage(domain::Lead lead) {
    const auto [at, added] = staged_at_.try_emplace(lead.id, staged_.size());
    if (added)
        staged_.push_back(std::move(lead));
    else
        staged_[at->second] = std::move(lead);
}

void SyncController::unstage(std::int64_t id) {
    const auto it = staged_at_.find(id);
    if (it == staged_at_.end()) return;
    const auto at = it->second;
    staged_at_.erase(it);
    if (at + 1 != staged_.size()) {  // the last lead takes its place
        staged_[at] = std::move(staged_.back());
        staged_at_[staged_[at].id] = at;
    }
    staged_.pop_back();
}

void SyncController::replace_with_staged(const std::optional<domain::Settings>& settings) {
    if (staged_.size() == store_.lead_count()) {
        // In the order they came: nothing shown depends on the leads' order (the queue and the
        // pipeline break ties by id). A large book is ranked in steps.
        state_.replace_leads(std::move(staged_), std::move(staged_at_), settings);
    } else {  // a lead reached or left the store some other way: the store is the truth
        state_.replace_leads(store_.leads(), {}, settings);
    }
    staged_.clear();
    staged_at_.clear();
}

void SyncController::keep_lead(const domain::Lead& lead) {
    store_.put_lead(lead);
    if (leads_replaced_) stage(lead);
}

void SyncController::finish_sync_changes() {
    if (leads_replaced_) {
        replace_with_staged(store_.settings());
    } else {
        // New settings re-rank every lead; without them, only the leads brought move.
        const auto settings = settings_changed_ ? store_.settings() : std::nullopt;
        std::vector<std::int64_t> upserted(leads_upserted_.begin(), leads_upserted_.end()), removed;
        for (const auto id : leads_removed_)
            if (!store_.has_lead(id)) removed.push_back(id);  // removed, then brought back by a later page
        state_.apply_lead_changes(store_.leads_with_ids(upserted), removed, settings);
    }
    leads_replaced_ = settings_changed_ = false;
    leads_upserted_.clear();
    leads_removed_.clear();
}

void SyncController::each_frame(double now_ms) {
    const bool network = browser_online();
    if (!network) state_.online = false;
    if (network && !was_online_) retry_at_ms_ = 0;  // the network is back: replay at once
    was_online_ = network;
    // Retry while changes wait or the server was unreachable; refresh now and then otherwise.
    const bool behind = !outbox_.empty() || !state_.online;
    if (network && !state_.sync.syncing && state_.sync.device_loaded &&
        ((behind && now_ms >= retry_at_ms_) || now_ms - last_sync_ms_ > 60000)) {
        retry_at_ms_ = now_ms + 10000;
        sync_now();
    }
    // The device's copy follows every change, one write at a time, of at most 100 records: a
    // first sync of 100,000 leads is written over many frames, none of them long. Not while a
    // sync runs: its pages come first (the copy is of use once the queue is shown), and a page
    // closed before the end syncs again from the cursor written last.
    if (state_.sync.device_loaded && !saving_ && !state_.sync.syncing && now_ms >= save_retry_at_ms_ &&
        (state_.sync.revision != state_.sync.saved_revision || store_.device_write_pending())) {
        saving_ = true;
        const auto write = store_.take_device_write(100);
        // Revision 0 is "refused": a copy written before any change says nothing about revisions.
        const int revision = write.complete && state_.sync.revision > 0 ? state_.sync.revision : kPartialWrite;
        device_save(revision, write.text, outbox_.to_json().dump());
    }
}

void SyncController::refresh_follow_ups() {
    state_.set_follow_ups(store_.follow_ups());
}

void SyncController::apply_follow_up_offline(const PendingOp& op) {
    const auto kind = op.path.substr(op.path.rfind('/') + 1);
    if (kind == "outcome") {
        store_.complete_tasks_of(op.lead_id, op.made_at);
    } else if (kind == "done" || kind == "snooze") {
        const auto due = domain::parse_iso_utc(op.body.value("dueAt", std::string()));
        store_.change_task(task_id_in(op.path), kind == "snooze" ? due : std::nullopt,
                           kind == "done" ? std::optional<domain::UnixTime>(op.made_at) : std::nullopt);
    } else {
        return;
    }
    refresh_follow_ups();
}

void SyncController::keep_task(const nlohmann::json& task) {
    store_.put_task(task);
    device_changed();
    refresh_follow_ups();
}

void SyncController::outcome_recorded(std::int64_t lead_id) {
    // The server has done the lead's open follow-ups; the outcome's rule may have planned the
    // next one, which the sync brings.
    store_.complete_tasks_of(lead_id, state_.now());
    device_changed();
    refresh_follow_ups();
    sync_now();
}

void SyncController::forget_lead(std::int64_t lead_id) {
    store_.remove_lead(lead_id);
    unstage(lead_id);
    device_changed();
}

// Outcomes recorded offline follow the stored rules: keep the device's copy in step.
void SyncController::refresh_offline_rules() {
    api_.get("/api/rules", [this](const ApiResult& r) {
        auto j = r.json();
        if (!r.ok() || !j.is_object() || !j.contains("items")) return;
        store_.set_rules(j["items"]);
        device_changed();
    });
}

}  // namespace crm::console
