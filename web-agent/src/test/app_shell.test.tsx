import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { App } from '../App'
import { mockFetch } from './fetch_mock'

describe('App shell', () => {
  it('renders the Agent CRM with its Demo banner for an agent of the demo', async () => {
    mockFetch({
      '/api/me': [200, { id: 1, username: 'alice.martin', displayName: 'Alice Martin', role: 'agent', demo: true }],
      '/api/leads/assigned': [200, { items: [] }],
    })
    render(<App />)
    expect(await screen.findByTestId('demo-banner')).toBeInTheDocument()
    expect(screen.getByText('Alice Martin')).toBeInTheDocument()
    expect(await screen.findByText("Aucun lead ne vous a encore été attribué.")).toBeInTheDocument()
    expect(screen.queryByTestId('operator-shell')).toBeNull()
  })

  it('shows no Demo banner on a real install', async () => {
    mockFetch({
      '/api/me': [200, { id: 1, username: 'alice.martin', displayName: 'Alice Martin', role: 'agent', demo: false }],
      '/api/leads/assigned': [200, { items: [] }],
    })
    render(<App />)
    expect(await screen.findByText('Alice Martin')).toBeInTheDocument()
    expect(screen.queryByTestId('demo-banner')).toBeNull()
  })

  it('renders the operator shell for an operator or an admin', async () => {
    for (const role of ['operator', 'admin']) {
      mockFetch({ '/api/me': [200, { id: 3, username: 'admin', displayName: 'Opérateur', role }] })
      const { unmount } = render(<App />)
      expect(await screen.findByTestId('operator-shell')).toBeInTheDocument()
      expect(screen.queryByTestId('demo-banner')).toBeNull()
      unmount()
    }
  })

  it('shows the login page without a session', async () => {
    mockFetch({ '/api/me': [401, { error: { code: 'unauthenticated', message: 'x' } }] })
    render(<App />)
    expect(await screen.findByRole('button', { name: 'Se connecter' })).toBeInTheDocument()
  })

  it('shows a retry message instead of a blank screen when the leads fail to load', async () => {
    mockFetch({
      '/api/me': [200, { id: 1, username: 'alice.martin', displayName: 'Alice Martin', role: 'agent' }],
      '/api/leads/assigned': [503, { error: { code: 'unavailable', message: 'Base de données indisponible, réessayez.' } }],
    })
    render(<App />)
    expect(await screen.findByText('Impossible de charger vos leads.')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Réessayer' })).toBeInTheDocument()
  })
})
