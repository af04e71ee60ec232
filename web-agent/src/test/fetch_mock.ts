import { vi } from 'vitest'

// Replaces fetch with a table of answers: path (and optional method) -> [status, body]; status 0
// is a network failure (fetch rejects, as when the device is offline).
export function mockFetch(routes: Record<string, [number, unknown]>) {
  const calls: { path: string; method: string; headers: Record<string, string>; body: unknown }[] = []
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input)
    const method = init?.method ?? 'GET'
    calls.push({ path, method, headers: (init?.headers ?? {}) as Record<string, string>, body: init?.body ? JSON.parse(String(init.body)) : undefined })
    const answer = routes[`${method} ${path}`] ?? routes[path]
    if (!answer) return new Response(JSON.stringify({ error: { code: 'not_found', message: 'Introuvable.' } }), { status: 404 })
    const [status, body] = answer
    if (status === 0) throw new TypeError('Failed to fetch')
    return new Response(status === 204 ? null : JSON.stringify(body), { status })
  })
  vi.stubGlobal('fetch', fn)
  return calls
}
