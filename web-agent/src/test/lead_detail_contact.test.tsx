import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { Toaster } from '../components/ui/toast'
import { LeadDetail } from '../modules/leads/LeadDetail'
import { mockFetch } from './fetch_mock'

// The seller as the server sends it to an agent: masked until the agent has committed.
const lead = {
  id: 7, firstName: 'Julien', intention: 'sell', timelineMonths: 3, city: 'Lyon', zip: '69006', area: 'Brotteaux',
  priceEstimateCents: 61000000, consent: true, consentAt: '2026-11-18T09:00:00Z', status: 'active', stage: 'sent_to_agent',
  badNumber: false, dnc: false, createdAt: '2026-11-18T09:00:00Z', updatedAt: '2026-11-18T09:00:00Z',
}
const masked = { ...lead, lastName: 'M.', phone: '06 •• •• •• ••', phoneE164: null, email: 'j•••@•••.fr', contactRevealed: false }
const revealed = { ...lead, lastName: 'Moreau', phone: '06 12 34 50 02', phoneE164: '+33612345002', email: 'julien.moreau@example.fr', contactRevealed: true }

function show(l: object) {
  mockFetch({ '/api/agent/leads/7': [200, { lead: l, interactions: [], appointments: [] }] })
  render(<Toaster><LeadDetail id={7} onBack={() => {}} /></Toaster>)
}

describe('LeadDetail: the seller\'s contact', () => {
  it('before acceptance: says why, and offers no way to call, text or write', async () => {
    show(masked)
    expect(await screen.findByTestId('contact-hidden')).toHaveTextContent('dès que vous acceptez ce lead')
    expect(screen.getByText('Julien M.')).toBeInTheDocument()
    expect(screen.getByText('06 •• •• •• ••')).toBeInTheDocument()
    expect(document.querySelector('a[href^="tel:"], a[href^="sms:"], a[href^="mailto:"], a[href*="wa.me"]')).toBeNull()
  })

  it('once accepted: the number and the address are links', async () => {
    show(revealed)
    await screen.findByText('Julien Moreau')
    expect(screen.queryByTestId('contact-hidden')).toBeNull()
    expect(document.querySelector('a[href="tel:+33612345002"]')).not.toBeNull()
    expect(document.querySelector('a[href="mailto:julien.moreau@example.fr"]')).not.toBeNull()
  })
})
