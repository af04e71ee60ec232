import { CheckCircle2, Loader2 } from 'lucide-react'
import { useEffect, useState, type FormEvent } from 'react'
import { Button } from '../../components/ui/button'
import { Input, Label } from '../../components/ui/input'
import { api, ApiError } from '../../lib/api'
import { AuthCard } from './AuthCard'
import { MIN_PASSWORD_LENGTH, passwordMismatch } from './password_rules'

interface SetupInfo {
  username: string
  displayName: string
  reset: boolean
}

// /setup/<token>: the one-time link an operator made for a new account or a reset. The person
// chooses a password here, then signs in as usual.
export function SetupPasswordPage({ token }: { token: string }) {
  const [info, setInfo] = useState<SetupInfo | null>(null)
  const [linkError, setLinkError] = useState<string | null>(null)
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState(false)
  const path = `/setup/${encodeURIComponent(token)}`

  useEffect(() => {
    api<SetupInfo>(path)
      .then(setInfo)
      .catch((e: ApiError) => setLinkError(e.status === 0 ? e.message : e.message || 'Lien invalide.'))
  }, [path])

  async function submit(e: FormEvent) {
    e.preventDefault()
    const mismatch = passwordMismatch(password, confirm)
    if (mismatch) return setError(mismatch)
    setBusy(true)
    setError(null)
    try {
      await api(path, { method: 'POST', body: { password } })
      setDone(true)
    } catch (err) {
      const e2 = err as ApiError
      if (e2.status === 410 || e2.status === 404) setLinkError(e2.message)
      else setError(e2.message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <AuthCard
      title="Choisir votre mot de passe"
      description={
        info &&
        !done && (
          <>
            Bonjour {info.displayName}. Identifiant : <strong>{info.username}</strong>
          </>
        )
      }
    >
      {linkError ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" role="alert">
          {linkError}
        </p>
      ) : done ? (
        <div className="flex flex-col items-center gap-4 text-center" role="status">
          <CheckCircle2 className="size-10 text-emerald-600" />
          <p className="text-sm">Mot de passe enregistré. Vous pouvez vous connecter.</p>
          <Button size="lg" className="w-full" onClick={() => window.location.assign('/')}>
            Se connecter
          </Button>
        </div>
      ) : !info ? (
        <p className="text-center text-sm text-slate-500" role="status">
          Chargement…
        </p>
      ) : (
        <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Choisir le mot de passe">
          <p className="text-sm text-slate-500">
            {MIN_PASSWORD_LENGTH} caractères au moins, ni mot du dictionnaire ni suite simple.
          </p>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="setup-password">Mot de passe</Label>
            <Input id="setup-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="setup-confirm">Confirmation</Label>
            <Input id="setup-confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
          </div>
          {error && (
            <p className="text-sm text-red-600" role="alert">
              {error}
            </p>
          )}
          <Button type="submit" disabled={busy} size="lg">
            {busy && <Loader2 className="animate-spin" />}
            Enregistrer le mot de passe
          </Button>
        </form>
      )}
    </AuthCard>
  )
}
