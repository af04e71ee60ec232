#include "app/device_storage.hpp"

#include <emscripten.h>

namespace crm::console {

// clang-format off
EM_JS(void, js_device_load, (), {
    const hand = function(store, outbox) {
        const toHeap = function(s) {
            if (s === undefined || s === null) return 0;
            const size = lengthBytesUTF8(s) + 1;
            const p = _malloc(size);
            stringToUTF8(s, p, size);
            return p;
        };
        const a = toHeap(store), b = toHeap(outbox);
        Module._crm_console_storage_loaded(a, b);
        if (a) _free(a);
        if (b) _free(b);
    };
    if (!window.indexedDB) return hand(null, null);
    const open = indexedDB.open('crm-operator', 1);
    open.onupgradeneeded = function() { open.result.createObjectStore('kv'); };
    open.onerror = function() { hand(null, null); };
    open.onsuccess = function() {
        const db = open.result;
        Module.crmDb = db;
        const tx = db.transaction('kv', 'readonly');
        const kv = tx.objectStore('kv');
        const store = kv.get('store'), outbox = kv.get('outbox');
        tx.oncomplete = function() { hand(store.result, outbox.result); };
        tx.onerror = function() { hand(null, null); };
    };
});

EM_JS(void, js_device_save, (int revision, const char* store, const char* outbox), {
    const db = Module.crmDb;
    if (!db) return Module._crm_console_storage_saved(0);
    const tx = db.transaction('kv', 'readwrite');
    tx.objectStore('kv').put(UTF8ToString(store), 'store');
    tx.objectStore('kv').put(UTF8ToString(outbox), 'outbox');
    tx.oncomplete = function() { Module._crm_console_storage_saved(revision); };
    tx.onerror = tx.onabort = function() { Module._crm_console_storage_saved(0); };
});
// clang-format on

void device_load() {
    js_device_load();
}

void device_save(int revision, const std::string& store, const std::string& outbox) {
    js_device_save(revision, store.c_str(), outbox.c_str());
}

void random_bytes(unsigned char out[16]) {
    EM_ASM({ crypto.getRandomValues(HEAPU8.subarray($0, $0 + 16)); }, out);
}

bool browser_online() {
    return EM_ASM_INT({ return navigator.onLine ? 1 : 0; }) != 0;
}

}  // namespace crm::console
