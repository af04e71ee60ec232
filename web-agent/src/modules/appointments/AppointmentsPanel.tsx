import { CalendarDays, Download, MapPin } from 'lucide-react'
import { buttonVariants } from '../../components/ui/button'
import { Card } from '../../components/ui/card'
import type { AgentAppointment } from '../../lib/api'
import { formatSlot } from '../../lib/format'
import { useApi } from '../../lib/use_api'
import { cn } from '../../lib/utils'

// "Mes rendez-vous": the booked estimations of the leads delivered to the agent, soonest first,
// each with its calendar file (the same event as the invitation e-mailed to them).
export function AppointmentsPanel() {
  const { data, error, loading } = useApi<{ items: AgentAppointment[] }>('/api/agent/appointments')
  if (loading && !data) return <p className="py-10 text-center text-slate-500" role="status">Chargement des rendez-vous…</p>
  if (error || !data)
    return (
      <Card className="p-6 text-center" role="alert">
        <p className="font-medium">Impossible de charger vos rendez-vous.</p>
        <p className="mt-1 text-sm text-slate-500">{error?.message}</p>
      </Card>
    )
  if (data.items.length === 0)
    return (
      <Card className="p-6 text-center text-slate-500">
        <CalendarDays className="mx-auto mb-2 size-8 text-slate-400" />
        Aucun rendez-vous à venir. Les estimations prises pour vos leads apparaîtront ici.
      </Card>
    )
  return (
    <ul className="flex flex-col gap-3">
      {data.items.map((a) => (
        <li key={a.id}>
          <Card className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between" data-testid="appointment-row">
            <div className="min-w-0">
              <p className="font-medium capitalize">{formatSlot(a.start, a.end)}</p>
              <p className="text-sm text-slate-600">
                Estimation avec {a.lead.firstName} {a.lead.lastName} · {a.lead.city}
              </p>
              {a.location && (
                <p className="mt-1 flex items-center gap-1 text-xs text-slate-500">
                  <MapPin className="size-3.5" /> {a.location}
                </p>
              )}
            </div>
            <a href={a.icsUrl} download="rendez-vous.ics" className={cn(buttonVariants({ variant: 'outline', size: 'sm' }), 'self-start sm:self-center')}>
              <Download /> Ajouter à l'agenda (.ics)
            </a>
          </Card>
        </li>
      ))}
    </ul>
  )
}
