// The Operator CRM's offline shell: the page, its assets and the console bundle, so a reload
// without network still opens the console (which then reads its leads from IndexedDB).
// Network first: online, every file comes fresh from the server and the copy is refreshed;
// the cache only answers when the network does not. The API is never cached here.
const CACHE = 'crm-shell-v1'
const CONSOLE_FILES = ['/operator/crm-operator.js', '/operator/crm-operator.wasm']

self.addEventListener('install', (event) => {
  self.skipWaiting()
  event.waitUntil(precache())
})

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim())
})

async function precache() {
  const cache = await caches.open(CACHE)
  const page = await fetch('/', { cache: 'no-store' })
  if (!page.ok) return
  const html = await page.clone().text()
  await cache.put('/', page)
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1])
  // One by one: a file that fails (the console for a session that may not load it) skips alone.
  for (const url of [...assets, ...CONSOLE_FILES]) {
    try {
      const res = await fetch(url, { credentials: 'same-origin' })
      if (res.ok) await cache.put(url, res)
    } catch {
      // offline during install: the next online visit fills it
    }
  }
}

self.addEventListener('fetch', (event) => {
  const req = event.request
  const url = new URL(req.url)
  if (url.origin !== self.location.origin) return
  // Never kept: the API, and the pages behind secret links (/p/<token>, /setup/<token>).
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/p/') || url.pathname.startsWith('/setup/') ||
      url.pathname === '/healthz')
    return
  if (req.method === 'HEAD') {
    // The shell asks whether the console is installed before loading it.
    event.respondWith(
      fetch(req).catch(async () => {
        const hit = await caches.match(url.pathname)
        if (!hit) throw new Error('offline')
        return new Response(null, { status: 200, headers: hit.headers })
      }),
    )
    return
  }
  if (req.method !== 'GET') return
  event.respondWith(networkFirst(req, url))
})

async function networkFirst(req, url) {
  // Every page of the single-page app is index.html.
  const key = req.mode === 'navigate' ? '/' : url.pathname
  try {
    const res = await fetch(req)
    if (res.ok && res.type === 'basic') {
      const copy = res.clone()
      caches.open(CACHE).then((cache) => cache.put(key, copy))
    }
    return res
  } catch (err) {
    const hit = await caches.match(key)
    if (hit) return hit
    throw err
  }
}
