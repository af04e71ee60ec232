import type { User } from './api'

// The Operator CRM works without the network after a first login (docs/ARCHITECTURE.md, "Offline
// sync and idempotency"): the browser remembers who the operator is, a service worker keeps the page and
// the console bundle, and the console keeps its leads and outbox in IndexedDB. Agents are not
// concerned: nothing here runs for them.
const KEY = 'crm.offlineOperator'
const CONSOLE_DB = 'crm-operator'

export function rememberOperator(user: User) {
  if (user.role === 'agent') return
  try {
    localStorage.setItem(KEY, JSON.stringify(user))
  } catch {
    // private browsing: the console still works online
  }
}

// The operator who last logged in on this browser, to open the console when /api/me cannot be
// reached (no network); null otherwise.
export function offlineOperator(): User | null {
  try {
    const user = JSON.parse(localStorage.getItem(KEY) ?? 'null') as User | null
    return user && user.role !== 'agent' ? user : null
  } catch {
    return null
  }
}

// Logging out leaves no personal data on the device: the remembered operator, the console's
// leads and outbox, and the cached pages go.
export async function forgetOperator() {
  try {
    localStorage.removeItem(KEY)
  } catch {
    // nothing stored
  }
  await new Promise<void>((resolve) => {
    if (!('indexedDB' in window)) return resolve()
    const req = indexedDB.deleteDatabase(CONSOLE_DB)
    req.onsuccess = req.onerror = req.onblocked = () => resolve()
  })
  if ('caches' in window) await caches.delete('crm-shell-v1').catch(() => false)
}

// Changes recorded offline that have not reached the server yet (read from the console).
export function pendingOfflineChanges(): number {
  const w = window as unknown as { crmConsole?: { state: () => { sync?: { pending?: number } } } }
  try {
    return w.crmConsole?.state().sync?.pending ?? 0
  } catch {
    return 0
  }
}

export function registerOfflineShell() {
  if (!('serviceWorker' in navigator)) return
  navigator.serviceWorker.register('/sw.js').catch(() => {
    // without it the console still works online and keeps its data; only a reload offline fails
  })
}
