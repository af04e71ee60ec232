import { LogOut, MonitorCog } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import { Button } from '../../components/ui/button'
import type { User } from '../../lib/api'
import { registerOfflineShell } from '../../lib/offline_operator'

declare global {
  interface Window {
    Module?: Record<string, unknown>
  }
}

// The Operator CRM: a full-window canvas running the WebAssembly console served at
// /operator/ (to operator and admin sessions only). Until the bundle is built, a placeholder.
export function OperatorApp({ user, onLogout }: { user: User; onLogout: () => void }) {
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const [state, setState] = useState<'loading' | 'running' | 'missing'>('loading')

  useEffect(registerOfflineShell, [])

  useEffect(() => {
    let script: HTMLScriptElement | null = null
    let cancelled = false
    fetch('/operator/crm-operator.js', { method: 'HEAD', credentials: 'same-origin' })
      .then((res) => {
        if (cancelled) return
        if (!res.ok) {
          setState('missing')
          return
        }
        window.Module = {
          canvas: canvasRef.current,
          locateFile: (path: string) => `/operator/${path}`,
          onRuntimeInitialized: () => setState('running'),
        }
        script = document.createElement('script')
        script.src = '/operator/crm-operator.js'
        script.onerror = () => setState('missing')
        document.body.appendChild(script)
      })
      .catch(() => !cancelled && setState('missing'))
    return () => {
      cancelled = true
      script?.remove()
    }
  }, [])

  return (
    <div className="relative h-full w-full bg-slate-900" data-testid="operator-shell">
      <canvas id="operator-canvas" ref={canvasRef} className="block h-full w-full" tabIndex={0} onContextMenu={(e) => e.preventDefault()} />
      {state !== 'running' && (
        <div className="absolute inset-0 flex items-center justify-center p-4">
          <div className="max-w-md rounded-xl bg-white p-6 text-center shadow-xl">
            <MonitorCog className="mx-auto mb-3 size-10 text-brand-600" />
            <h1 className="text-lg font-semibold">Console opérateur</h1>
            <p className="mt-1 text-sm text-slate-500">
              {state === 'loading'
                ? 'Chargement de la console…'
                : `Bonjour ${user.displayName}. La console WebAssembly n'est pas encore installée sur ce serveur (construite par ./scripts/dev run).`}
            </p>
            <Button variant="outline" size="sm" className="mt-4" onClick={onLogout}>
              <LogOut /> Déconnexion
            </Button>
          </div>
        </div>
      )}
    </div>
  )
}
