import { describe, expect, it } from 'vitest'
import type { Lead } from '../lib/api'
import { filterLeads } from '../modules/leads/filter_leads'

const lead = (id: number, firstName: string, city: string, status: string, createdAt: string) =>
  ({ id, firstName, lastName: 'Test', city, zip: '69000', phone: '', email: null, status, createdAt }) as unknown as Lead

const leads = [
  lead(1, 'Émilie', 'Lyon', 'active', '2026-11-18T10:00:00Z'),
  lead(2, 'Hugo', 'Villeurbanne', 'booked', '2026-11-19T10:00:00Z'),
  lead(3, 'Chloé', 'Lyon', 'follow_up', '2026-11-17T10:00:00Z'),
]

describe('filterLeads', () => {
  it('searches without accents or case', () => {
    expect(filterLeads(leads, 'emilie', 'all', 'newest').map((l) => l.id)).toEqual([1])
    expect(filterLeads(leads, 'LYON', 'all', 'newest').map((l) => l.id)).toEqual([1, 3])
    expect(filterLeads(leads, 'chloe lyon', 'all', 'newest').map((l) => l.id)).toEqual([3])
  })
  it('filters by status and sorts by date', () => {
    expect(filterLeads(leads, '', 'booked', 'newest').map((l) => l.id)).toEqual([2])
    expect(filterLeads(leads, '', 'all', 'newest').map((l) => l.id)).toEqual([2, 1, 3])
    expect(filterLeads(leads, '', 'all', 'oldest').map((l) => l.id)).toEqual([3, 1, 2])
  })
})
