import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { Toaster } from '../components/ui/toast'
import { LogInteractionForm } from '../modules/leads/LogInteractionForm'
import { mockFetch } from './fetch_mock'

describe('LogInteractionForm', () => {
  it('refuses an empty summary without calling the server', async () => {
    const calls = mockFetch({})
    render(<Toaster><LogInteractionForm leadId={4} onLogged={() => {}} /></Toaster>)
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }))
    expect(await screen.findByText('Écrivez un résumé.')).toBeInTheDocument()
    expect(calls).toHaveLength(0)
  })

  it('posts a call and reloads the history', async () => {
    const calls = mockFetch({ 'POST /api/agent/leads/4/interactions': [201, { id: 9, kind: 'call' }] })
    const onLogged = vi.fn()
    render(<Toaster><LogInteractionForm leadId={4} onLogged={onLogged} /></Toaster>)
    await userEvent.type(screen.getByLabelText('Résumé'), 'Visite jeudi')
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }))
    await vi.waitFor(() => expect(onLogged).toHaveBeenCalled(), { timeout: 5000 })
    expect(calls[0].body).toEqual({ kind: 'call', summary: 'Visite jeudi' })
    expect(calls[0].headers['X-Requested-With']).toBe('crm')
    await vi.waitFor(() => expect(screen.getByLabelText('Résumé')).toHaveValue(''), { timeout: 5000 })
  })

  it('shows the server error and a toast when saving fails', async () => {
    mockFetch({ 'POST /api/agent/leads/4/interactions': [404, { error: { code: 'not_found', message: 'Ce lead ne vous est pas attribué.' } }] })
    render(<Toaster><LogInteractionForm leadId={4} onLogged={() => {}} /></Toaster>)
    await userEvent.type(screen.getByLabelText('Résumé'), 'x')
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }))
    expect(await screen.findAllByText('Ce lead ne vous est pas attribué.')).not.toHaveLength(0)
    expect(await screen.findByText("L'enregistrement a échoué")).toBeInTheDocument()
  })
})
