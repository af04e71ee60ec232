#pragma once
// The console's copy on the device, in the browser's IndexedDB (database "crm-operator",
// store "kv"): the offline store and the outbox, each one JSON text. Asynchronous: answers come
// back through the exported crm_console_storage_* functions (main.cpp), handled in a frame.
#include <string>

namespace crm::console {

// Reads "store" and "outbox"; main.cpp receives them in crm_console_storage_loaded (either may
// be missing: a first start, or a browser that refuses storage).
void device_load();
// Writes both texts in one IndexedDB transaction; crm_console_storage_saved(revision) follows
// once it is on disk (0 revision: the write failed).
void device_save(int revision, const std::string& store, const std::string& outbox);
void random_bytes(unsigned char out[16]);  // crypto.getRandomValues
bool browser_online();                     // navigator.onLine

}  // namespace crm::console
