import { render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../App'
import { offlineOperator, rememberOperator } from '../lib/offline_operator'
import { mockFetch } from './fetch_mock'

const operator = { id: 3, username: 'admin', displayName: 'Opérateur', role: 'admin' } as const
const agent = { id: 1, username: 'alice.martin', displayName: 'Alice Martin', role: 'agent' } as const

describe('Operator CRM without network', () => {
  afterEach(() => localStorage.clear())

  it('opens the console for the operator who logged in here last when /api/me cannot be reached', async () => {
    rememberOperator({ ...operator })
    mockFetch({ '/api/me': [0, null] })
    render(<App />)
    expect(await screen.findByTestId('operator-shell')).toBeInTheDocument()
  })

  it('shows the login page offline when nobody, or only an agent, logged in here', async () => {
    rememberOperator({ ...agent })
    expect(offlineOperator()).toBeNull()
    mockFetch({ '/api/me': [0, null] })
    render(<App />)
    expect(await screen.findByRole('button', { name: 'Se connecter' })).toBeInTheDocument()
    expect(screen.queryByTestId('operator-shell')).toBeNull()
  })

  it('never opens the console from memory when the server answers 401 (session over)', async () => {
    rememberOperator({ ...operator })
    mockFetch({ '/api/me': [401, { error: { code: 'unauthenticated', message: 'x' } }] })
    render(<App />)
    expect(await screen.findByRole('button', { name: 'Se connecter' })).toBeInTheDocument()
  })
})
