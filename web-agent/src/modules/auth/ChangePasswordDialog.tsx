import { KeyRound, Loader2 } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import { Button } from '../../components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from '../../components/ui/dialog'
import { Input, Label } from '../../components/ui/input'
import { useToast } from '../../components/ui/toast'
import { api, ApiError } from '../../lib/api'
import { MIN_PASSWORD_LENGTH, passwordMismatch } from './password_rules'

// "Mot de passe", beside Déconnexion: the current password, then the new one twice. The server
// judges its strength (cracklib, in French) and signs out every other session.
export function ChangePasswordDialog() {
  const [open, setOpen] = useState(false)
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [confirm, setConfirm] = useState('')
  const [errors, setErrors] = useState<{ current?: string; next?: string; form?: string }>({})
  const [busy, setBusy] = useState(false)
  const { toast } = useToast()

  function reset(isOpen: boolean) {
    setOpen(isOpen)
    setCurrent('')
    setNext('')
    setConfirm('')
    setErrors({})
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    const mismatch = passwordMismatch(next, confirm)
    if (mismatch) return setErrors({ next: mismatch })
    setBusy(true)
    setErrors({})
    try {
      await api('/api/me/password', { method: 'POST', body: { currentPassword: current, newPassword: next } })
      reset(false)
      toast({ title: 'Mot de passe modifié', description: 'Vos autres sessions ont été fermées.', variant: 'success' })
    } catch (err) {
      const e2 = err as ApiError
      if (e2.code === 'wrong_password') setErrors({ current: 'Mot de passe actuel incorrect.' })
      else if (e2.code === 'weak_password') setErrors({ next: e2.message })
      else if (e2.status === 422) setErrors({ form: 'Remplissez les trois champs.' })
      else setErrors({ form: e2.message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label="Changer le mot de passe">
          <KeyRound />
          <span className="hidden sm:inline">Mot de passe</span>
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>Changer le mot de passe</DialogTitle>
        <DialogDescription>
          {MIN_PASSWORD_LENGTH} caractères au moins, ni mot du dictionnaire ni suite simple. Vos autres sessions seront fermées.
        </DialogDescription>
        <form onSubmit={submit} className="mt-4 flex flex-col gap-4" aria-label="Changer le mot de passe">
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="current-password">Mot de passe actuel</Label>
            <Input id="current-password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
            {errors.current && <p className="text-sm text-red-600" role="alert">{errors.current}</p>}
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="new-password">Nouveau mot de passe</Label>
            <Input id="new-password" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="confirm-password">Confirmation</Label>
            <Input id="confirm-password" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
            {errors.next && <p className="text-sm text-red-600" role="alert">{errors.next}</p>}
          </div>
          {errors.form && <p className="text-sm text-red-600" role="alert">{errors.form}</p>}
          <Button type="submit" disabled={busy}>
            {busy && <Loader2 className="animate-spin" />}
            Enregistrer
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  )
}
