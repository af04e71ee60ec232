#pragma once
// The console's copy on the device, in the browser's IndexedDB (database "crm-operator",
// version 2): one record per lead, interaction and task in the stores "leads", "interactions"
// and "tasks" (keyed by id), and in "kv" the meta (cursor, settings, rules) and the outbox.
// Asynchronous: answers come back through the exported crm_console_storage_* functions
// (main.cpp), handled in a frame.
#include <string>

namespace crm::console {

// Reads the copy back: crm_console_storage_records(kind, json array) for every 2,000 records,
// then crm_console_storage_loaded(meta, outbox) (either may be missing: a first start, or a
// browser that refuses storage). Version 1's single blob is dropped on upgrade (the sync
// brings it all again); its outbox stays.
void device_load();
// Applies one write of OfflineStore::take_device_write and the outbox in one IndexedDB
// transaction; crm_console_storage_saved(revision) follows once it is on disk (0: refused).
void device_save(int revision, const std::string& write, const std::string& outbox);
void random_bytes(unsigned char out[16]);  // crypto.getRandomValues
bool browser_online();                     // navigator.onLine

}  // namespace crm::console
