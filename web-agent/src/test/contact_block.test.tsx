import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { LeadDetail } from '../modules/leads/LeadDetail'
import { contactBlock } from '../modules/leads/contact_block'
import { mockFetch } from './fetch_mock'

const lead = {
  id: 7, firstName: 'Zoé', lastName: 'Faure', phone: '06 12 34 50 33', phoneE164: '+33612345033', email: null,
  intention: 'sell', timelineMonths: 3, city: 'Lyon', zip: '69003', area: '', priceEstimateCents: 45500000,
  consent: true, consentAt: '2026-11-01T10:00:00Z', status: 'active', stage: 'sent_to_agent', badNumber: false,
  dnc: false, createdAt: '2026-11-01T10:00:00Z', updatedAt: '2026-11-01T10:00:00Z',
}

function show(overrides: Partial<typeof lead>) {
  mockFetch({ '/api/agent/leads/7': [200, { lead: { ...lead, ...overrides }, interactions: [], appointments: [] }] })
  render(<LeadDetail id={7} onBack={() => {}} />)
}

describe('contact actions on leads that may not be contacted', () => {
  it('says why, for do-not-contact and bad numbers', () => {
    expect(contactBlock({ dnc: true, badNumber: false, status: 'active' })).toMatch(/^Ne pas contacter/)
    expect(contactBlock({ dnc: false, badNumber: true, status: 'active' })).toMatch(/^Numéro invalide/)
    expect(contactBlock({ dnc: false, badNumber: false, status: 'dnc' })).toMatch(/^Ne pas contacter/)
    expect(contactBlock({ dnc: false, badNumber: false, status: 'active' })).toBeNull()
  })

  it('a dnc lead: no tel:, sms: or WhatsApp link, and the reason on screen', async () => {
    show({ dnc: true, status: 'dnc' })
    expect(await screen.findByTestId('contact-blocked')).toHaveTextContent('Ne pas contacter')
    for (const name of ['Appeler', 'SMS', 'WhatsApp']) {
      const button = screen.getByText(name, { exact: false }).closest('span, a')
      expect(button?.tagName).toBe('SPAN')
      expect(button).toHaveAttribute('aria-disabled', 'true')
    }
    expect(document.querySelector('a[href^="tel:"], a[href^="sms:"], a[href*="wa.me"]')).toBeNull()
  })

  it('a bad number: disabled too; a callable lead keeps its links', async () => {
    show({ badNumber: true, status: 'bad_number' })
    expect(await screen.findByTestId('contact-blocked')).toHaveTextContent('Numéro invalide')
    expect(document.querySelector('a[href^="tel:"]')).toBeNull()
  })

  it('a callable lead keeps its links and shows no reason', async () => {
    show({})
    await screen.findByTestId('lead-detail')
    expect(screen.queryByTestId('contact-blocked')).toBeNull()
    expect(document.querySelector('a[href="tel:+33612345033"]')).not.toBeNull()
    expect(document.querySelector('a[href^="sms:"]')).not.toBeNull()
  })
})
