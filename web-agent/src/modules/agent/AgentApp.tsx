import { CalendarDays, Inbox, LogOut, PackageCheck, Wallet } from 'lucide-react'
import { useState } from 'react'
import { Button } from '../../components/ui/button'
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../../components/ui/tabs'
import type { User } from '../../lib/api'
import { AppointmentsPanel } from '../appointments/AppointmentsPanel'
import { ChangePasswordDialog } from '../auth/ChangePasswordDialog'
import { CreditsPanel } from '../credits/CreditsPanel'
import { DeliveriesPanel } from '../deliveries/DeliveriesPanel'
import { LeadsPanel } from '../leads/LeadsPanel'

// The Agent CRM: the leads delivered to the agent, deliveries to accept, credits.
export function AgentApp({ user, onLogout }: { user: User; onLogout: () => void }) {
  const [tab, setTab] = useState('leads')
  return (
    <div className="flex min-h-full flex-col">
      {user.demo && (
        <div className="bg-amber-400 px-4 py-1.5 text-center text-xs font-semibold text-amber-950" role="note" data-testid="demo-banner">
          Démo — les leads affichés sont des données d'exemple
        </div>
      )}
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 py-3">
          <div className="min-w-0">
            <p className="text-xs font-medium uppercase tracking-wide text-brand-600">Espace agent</p>
            <h1 className="truncate text-lg font-semibold">{user.displayName}</h1>
          </div>
          <div className="flex shrink-0 items-center gap-2">
            <ChangePasswordDialog />
            <Button variant="outline" size="sm" onClick={onLogout}>
              <LogOut />
              Déconnexion
            </Button>
          </div>
        </div>
      </header>
      <Tabs value={tab} onValueChange={setTab} className="mx-auto flex w-full min-w-0 max-w-6xl flex-1 flex-col gap-4 px-4 py-4">
        <TabsList className="w-full sm:w-auto">
          <TabsTrigger value="leads" className="flex-1 sm:flex-none">
            <Inbox className="max-sm:hidden" />
            Mes leads
          </TabsTrigger>
          <TabsTrigger value="deliveries" className="flex-1 sm:flex-none">
            <PackageCheck className="max-sm:hidden" />
            Livraisons
          </TabsTrigger>
          {/* On a phone four labels do not fit: this one is its icon. */}
          <TabsTrigger value="appointments" className="flex-none px-4 sm:px-3" aria-label="Mes rendez-vous">
            <CalendarDays />
            <span className="hidden sm:inline">Mes rendez-vous</span>
          </TabsTrigger>
          <TabsTrigger value="credits" className="flex-1 sm:flex-none">
            <Wallet className="max-sm:hidden" />
            Crédits
          </TabsTrigger>
        </TabsList>
        <TabsContent value="leads" className="flex-1">
          <LeadsPanel />
        </TabsContent>
        <TabsContent value="deliveries">
          <DeliveriesPanel />
        </TabsContent>
        <TabsContent value="appointments">
          <AppointmentsPanel />
        </TabsContent>
        <TabsContent value="credits">
          <CreditsPanel />
        </TabsContent>
      </Tabs>
    </div>
  )
}
