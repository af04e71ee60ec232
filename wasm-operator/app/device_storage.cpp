#include "app/device_storage.hpp"

#include <emscripten.h>

namespace crm::console {

// clang-format off
EM_JS(void, js_device_load, (), {
    const toHeap = function(s) {
        if (s === undefined || s === null) return 0;
        const size = lengthBytesUTF8(s) + 1;
        const p = _malloc(size);
        stringToUTF8(s, p, size);
        return p;
    };
    let handed = false;  // the end is handed once, whatever fails after it
    const hand = function(meta, outbox) {
        if (handed) return;
        handed = true;
        const a = toHeap(meta === undefined || meta === null ? null : JSON.stringify(meta)), b = toHeap(outbox);
        Module._crm_console_storage_loaded(a, b);
        if (a) _free(a);
        if (b) _free(b);
    };
    const kinds = ['leads', 'interactions', 'tasks'];
    if (!window.indexedDB) return hand(null, null);
    const open = indexedDB.open('crm-operator', 2);
    open.onupgradeneeded = function(e) {
        const db = open.result;
        if (!db.objectStoreNames.contains('kv')) db.createObjectStore('kv');
        else open.transaction.objectStore('kv').delete('store');  // version 1's single blob
        for (const k of kinds) if (!db.objectStoreNames.contains(k)) db.createObjectStore(k, { keyPath: 'id' });
    };
    open.onerror = function() { hand(null, null); };
    open.onsuccess = function() {
        const db = open.result;
        Module.crmDb = db;
        const tx = db.transaction(['kv'].concat(kinds), 'readonly');
        const kv = tx.objectStore('kv');
        const meta = kv.get('meta'), outbox = kv.get('outbox');
        // 1,000 records a request, each request's answer in a task of its own: one getAll of
        // 100,000 leads built them all in one task, 0.7 s. One transaction: one snapshot.
        const readFrom = function(i, after) {
            if (i === kinds.length) return hand(meta.result, outbox.result);
            const range = after === undefined ? null : IDBKeyRange.lowerBound(after, true);
            const chunk = tx.objectStore(kinds[i]).getAll(range, 1000);
            chunk.onsuccess = function() {
                const records = chunk.result || [];
                if (records.length) {
                    const kind = toHeap(kinds[i]), text = toHeap(JSON.stringify(records));
                    Module._crm_console_storage_records(kind, text);
                    _free(kind);
                    _free(text);
                }
                if (records.length === 1000) readFrom(i, records[records.length - 1].id);
                else readFrom(i + 1, undefined);
            };
        };
        readFrom(0, undefined);
        tx.onerror = function() { hand(null, null); };
    };
});

EM_JS(void, js_device_save, (int revision, const char* write, const char* outbox), {
    const db = Module.crmDb;
    if (!db) return Module._crm_console_storage_saved(0);
    let w;
    try { w = JSON.parse(UTF8ToString(write)); } catch (e) { return Module._crm_console_storage_saved(0); }
    const kinds = ['leads', 'interactions', 'tasks'];
    const tx = db.transaction(['kv'].concat(kinds), 'readwrite');
    for (const k of kinds) {
        const store = tx.objectStore(k);
        if (w.clear) store.clear();
        for (const record of w[k]) store.put(record);
        for (const id of w.deleted[k]) store.delete(id);
    }
    if (w.meta) tx.objectStore('kv').put(w.meta, 'meta');
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
