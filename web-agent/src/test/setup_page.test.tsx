import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { SetupPasswordPage } from '../modules/auth/SetupPasswordPage'
import { mockFetch } from './fetch_mock'

describe('The setup link page', () => {
  it('names the account, sets the password once, then offers to sign in', async () => {
    const calls = mockFetch({
      'GET /setup/tok123': [200, { username: 'chloe.petit', displayName: 'Chloé Petit', reset: false }],
      'POST /setup/tok123': [204, null],
    })
    render(<SetupPasswordPage token="tok123" />)
    expect(await screen.findByText('chloe.petit')).toBeInTheDocument()
    const user = userEvent.setup()
    await user.type(screen.getByLabelText('Mot de passe'), 'Velo-Rouge-Quai-42')
    await user.type(screen.getByLabelText('Confirmation'), 'Velo-Rouge-Quai-42')
    await user.click(screen.getByRole('button', { name: 'Enregistrer le mot de passe' }))
    expect(await screen.findByText('Mot de passe enregistré. Vous pouvez vous connecter.')).toBeInTheDocument()
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ password: 'Velo-Rouge-Quai-42' })
  })

  it('says so when the link was used or has expired', async () => {
    mockFetch({
      'GET /setup/old': [410, { error: { code: 'gone', message: 'Ce lien a déjà servi ou a expiré.' } }],
    })
    render(<SetupPasswordPage token="old" />)
    expect(await screen.findByText('Ce lien a déjà servi ou a expiré.')).toBeInTheDocument()
    expect(screen.queryByLabelText('Mot de passe')).toBeNull()
  })
})
