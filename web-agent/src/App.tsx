import { useCallback, useEffect, useState } from 'react'
import { Toaster } from './components/ui/toast'
import { api, ApiError, setUnauthenticatedHandler, type User } from './lib/api'
import { forgetOperator, offlineOperator, pendingOfflineChanges, rememberOperator } from './lib/offline_operator'
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
      .then((u) => {
        rememberOperator(u)
        setUser(u)
      })
      // No network: the operator who logged in here last gets the console, which works from
      // the device's copy (an agent, or nobody, gets the login page as before).
      .catch((e) => setUser(e instanceof ApiError && e.status === 0 ? offlineOperator() : null))
  }, [])

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setUser(null)
      setNotice('Session expirée, reconnectez-vous.')
    })
    return () => setUnauthenticatedHandler(null)
  }, [])

  const logout = useCallback(async () => {
    const pending = pendingOfflineChanges()
    if (pending > 0 && !window.confirm(`${pending} modification(s) pas encore envoyée(s) au serveur seront perdues. Se déconnecter ?`))
      return
    try {
      await api('/api/auth/logout', { method: 'POST' })
      await forgetOperator()
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
            rememberOperator(u)
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
