import { Building2, Loader2 } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import { Button } from '../../components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card'
import { Input, Label } from '../../components/ui/input'
import { api, ApiError, type User } from '../../lib/api'

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
    <main className="flex min-h-full items-center justify-center bg-gradient-to-br from-brand-50 to-slate-100 p-4">
      <Card className="w-full max-w-sm">
        <CardHeader className="items-center text-center">
          <div className="mb-2 flex size-12 items-center justify-center rounded-xl bg-brand-600 text-white">
            <Building2 className="size-6" />
          </div>
          <CardTitle className="text-xl">Lead CRM</CardTitle>
          <CardDescription>Connectez-vous pour accéder à vos leads.</CardDescription>
        </CardHeader>
        <CardContent>
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
        </CardContent>
      </Card>
    </main>
  )
}
