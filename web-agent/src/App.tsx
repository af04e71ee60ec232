import { useCallback, useEffect, useState } from 'react'
import { Toaster } from './components/ui/toast'
import { api, setUnauthenticatedHandler, type User } from './lib/api'
import { AgentApp } from './modules/agent/AgentApp'
import { LoginPage } from './modules/auth/LoginPage'
import { OperatorApp } from './modules/operator/OperatorApp'

// The shell: who is logged in decides which app is shown. /api/me answers on load, so a
// reload keeps the session; any 401 later brings the login page back with a message.
export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined)
  const [notice, setNotice] = useState<string | null>(null)

  useEffect(() => {
    api<User>('/api/me')
      .then(setUser)
      .catch(() => setUser(null))
  }, [])

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setUser(null)
      setNotice('Session expirée, reconnectez-vous.')
    })
    return () => setUnauthenticatedHandler(null)
  }, [])

  const logout = useCallback(async () => {
    try {
      await api('/api/auth/logout', { method: 'POST' })
    } finally {
      setUser(null)
      setNotice(null)
    }
  }, [])

  return (
    <Toaster>
      {user === undefined ? (
        <div className="flex h-full items-center justify-center text-slate-500" role="status">
          Chargement…
        </div>
      ) : user === null ? (
        <LoginPage
          notice={notice}
          onLoggedIn={(u) => {
            setNotice(null)
            setUser(u)
          }}
        />
      ) : user.role === 'agent' ? (
        <AgentApp user={user} onLogout={logout} />
      ) : (
        <OperatorApp user={user} onLogout={logout} />
      )}
    </Toaster>
  )
}
