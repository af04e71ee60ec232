import type { Lead } from '../../lib/api'

export type LeadSort = 'newest' | 'oldest'

// Accent- and case-insensitive search over name, city, zip, phone and e-mail.
function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
}

export function filterLeads(leads: Lead[], query: string, status: string, sort: LeadSort): Lead[] {
  const q = fold(query.trim())
  const out = leads.filter((l) => {
    if (status !== 'all' && l.status !== status) return false
    if (!q) return true
    const hay = fold([l.firstName, l.lastName, l.city, l.zip, l.phone, l.email ?? ''].join(' '))
    return q.split(/\s+/).every((word) => hay.includes(word))
  })
  out.sort((a, b) => (sort === 'newest' ? b.createdAt.localeCompare(a.createdAt) : a.createdAt.localeCompare(b.createdAt)) || a.id - b.id)
  return out
}
