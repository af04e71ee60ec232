import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { AppointmentsPanel } from '../modules/appointments/AppointmentsPanel'
import { mockFetch } from './fetch_mock'

describe("Mes rendez-vous", () => {
  it('lists the upcoming appointments in Paris time, each with its calendar file', async () => {
    mockFetch({
      '/api/agent/appointments': [200, { items: [{
        id: 7, leadId: 42, start: '2026-11-24T13:00:00Z', end: '2026-11-24T14:00:00Z', location: '3 place Croix-Paquet, Lyon',
        lead: { firstName: 'Camille', lastName: 'D.', city: 'Lyon' }, icsUrl: '/api/agent/appointments/7/ics',
      }] }],
    })
    render(<AppointmentsPanel />)
    const row = await screen.findByTestId('appointment-row')
    expect(row).toHaveTextContent('mardi 24 novembre, 14:00–15:00')  // 13:00 UTC is 14:00 in Paris
    expect(row).toHaveTextContent('Estimation avec Camille D. · Lyon')
    expect(row).toHaveTextContent('3 place Croix-Paquet, Lyon')
    expect(screen.getByRole('link', { name: /Ajouter à l'agenda/ })).toHaveAttribute('href', '/api/agent/appointments/7/ics')
  })

  it('says when there is none, and when they cannot be loaded', async () => {
    mockFetch({ '/api/agent/appointments': [200, { items: [] }] })
    const { unmount } = render(<AppointmentsPanel />)
    expect(await screen.findByText(/Aucun rendez-vous à venir/)).toBeInTheDocument()
    unmount()
    mockFetch({ '/api/agent/appointments': [503, { error: { code: 'unavailable', message: 'Base indisponible.' } }] })
    render(<AppointmentsPanel />)
    expect(await screen.findByText('Impossible de charger vos rendez-vous.')).toBeInTheDocument()
  })
})
