import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { LoginPage } from '../modules/auth/LoginPage'
import { mockFetch } from './fetch_mock'

describe('LoginPage', () => {
  it('shows an error on a wrong password and stays on the page', async () => {
    const calls = mockFetch({ 'POST /api/auth/login': [401, { error: { code: 'unauthenticated', message: 'x' } }] })
    const onLoggedIn = vi.fn()
    render(<LoginPage notice={null} onLoggedIn={onLoggedIn} />)
    await userEvent.type(screen.getByLabelText('Identifiant'), 'alice.martin')
    await userEvent.type(screen.getByLabelText('Mot de passe'), 'nope')
    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Identifiant ou mot de passe incorrect.')
    expect(onLoggedIn).not.toHaveBeenCalled()
    expect(calls[0].headers['X-Requested-With']).toBe('crm')
    expect(calls[0].body).toEqual({ username: 'alice.martin', password: 'nope' })
  })

  it('says when logins are rate limited', async () => {
    mockFetch({ 'POST /api/auth/login': [429, { error: { code: 'rate_limited', message: 'x' } }] })
    render(<LoginPage notice={null} onLoggedIn={() => {}} />)
    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Trop de tentatives')
  })

  it('hands the user over on success and shows a session notice', async () => {
    const user = { id: 1, username: 'alice.martin', displayName: 'Alice Martin', role: 'agent' }
    mockFetch({ 'POST /api/auth/login': [200, { user }] })
    const onLoggedIn = vi.fn()
    render(<LoginPage notice="Session expirée, reconnectez-vous." onLoggedIn={onLoggedIn} />)
    expect(screen.getByRole('status')).toHaveTextContent('Session expirée')
    await userEvent.type(screen.getByLabelText('Identifiant'), 'alice.martin')
    await userEvent.type(screen.getByLabelText('Mot de passe'), 'demo123')
    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }))
    await vi.waitFor(() => expect(onLoggedIn).toHaveBeenCalledWith(user), { timeout: 5000 })
  })
})
