import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { Toaster } from '../components/ui/toast'
import { ChangePasswordDialog } from '../modules/auth/ChangePasswordDialog'
import { mockFetch } from './fetch_mock'

async function fill(current: string, next: string, confirm = next) {
  const user = userEvent.setup()
  await user.click(screen.getByRole('button', { name: 'Changer le mot de passe' }))
  await user.type(screen.getByLabelText('Mot de passe actuel'), current)
  await user.type(screen.getByLabelText('Nouveau mot de passe'), next)
  await user.type(screen.getByLabelText('Confirmation'), confirm)
  await user.click(screen.getByRole('button', { name: 'Enregistrer' }))
}

describe('Changing the password', () => {
  it('sends the current and the new password, then says the other sessions were closed', async () => {
    const calls = mockFetch({ 'POST /api/me/password': [204, null] })
    render(<Toaster><ChangePasswordDialog /></Toaster>)
    await fill('demo123', 'Velo-Rouge-Quai-42')
    expect(await screen.findByText('Vos autres sessions ont été fermées.')).toBeInTheDocument()
    expect(calls[0].body).toEqual({ currentPassword: 'demo123', newPassword: 'Velo-Rouge-Quai-42' })
    expect(calls[0].headers['X-Requested-With']).toBe('crm')
  })

  it("shows the server's French reason for a weak password, and a wrong current password", async () => {
    mockFetch({
      'POST /api/me/password': [422, { error: { code: 'weak_password', message: 'Mot de passe refusé : construit sur un mot du dictionnaire.' } }],
    })
    render(<Toaster><ChangePasswordDialog /></Toaster>)
    await fill('demo123', 'azertyuiop1')
    expect(await screen.findByText('Mot de passe refusé : construit sur un mot du dictionnaire.')).toBeInTheDocument()

    mockFetch({ 'POST /api/me/password': [403, { error: { code: 'wrong_password', message: 'x' } }] })
    await userEvent.setup().click(screen.getByRole('button', { name: 'Enregistrer' }))
    expect(await screen.findByText('Mot de passe actuel incorrect.')).toBeInTheDocument()
  })

  it('does not send two different entries', async () => {
    const calls = mockFetch({})
    render(<Toaster><ChangePasswordDialog /></Toaster>)
    await fill('demo123', 'Velo-Rouge-Quai-42', 'Velo-Rouge-Quai-43')
    expect(await screen.findByText('Les deux mots de passe ne sont pas identiques.')).toBeInTheDocument()
    expect(calls).toHaveLength(0)
  })
})
