import { Loader2 } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import { Button } from '../../components/ui/button'
import { Input, Label } from '../../components/ui/input'
import { api, ApiError, type User } from '../../lib/api'
import { AuthCard } from './AuthCard'

export function LoginPage({ notice, onLoggedIn }: { notice: string | null; onLoggedIn: (u: User) => void }) {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const res = await api<{ user: User }>('/api/auth/login', { method: 'POST', body: { username, password } })
      onLoggedIn(res.user)
    } catch (err) {
      const e2 = err as ApiError
      setError(
        e2.status === 401
          ? 'Identifiant ou mot de passe incorrect.'
          : e2.status === 429
            ? 'Trop de tentatives. Réessayez dans quelques minutes.'
            : e2.status === 422
              ? 'Saisissez votre identifiant et votre mot de passe.'
              : e2.message,
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <AuthCard title="Lead CRM" description="Connectez-vous pour accéder à vos leads.">
      <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Connexion">
        {notice && (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" role="status">
            {notice}
          </p>
        )}
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="username">Identifiant</Label>
          <Input id="username" name="username" autoComplete="username" autoCapitalize="none" value={username} onChange={(e) => setUsername(e.target.value)} />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="password">Mot de passe</Label>
          <Input id="password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        {error && (
          <p className="text-sm text-red-600" role="alert">
            {error}
          </p>
        )}
        <Button type="submit" disabled={busy} size="lg">
          {busy && <Loader2 className="animate-spin" />}
          Se connecter
        </Button>
      </form>
    </AuthCard>
  )
}
