import { ChevronRight, Search } from 'lucide-react'
import { useMemo, useState } from 'react'
import { Badge } from '../../components/ui/badge'
import { Card } from '../../components/ui/card'
import { Input, Select } from '../../components/ui/input'
import type { Lead } from '../../lib/api'
import { formatCents, intentionLabel, statusLabel, timeAgo, timelineLabel } from '../../lib/format'
import { useApi } from '../../lib/use_api'
import { cn } from '../../lib/utils'
import { LeadDetail } from './LeadDetail'
import { filterLeads, type LeadSort } from './filter_leads'

// "My leads": a searchable list and the selected lead's detail, side by side on a desktop,
// one after the other on a phone.
export function LeadsPanel() {
  const { data, error, loading, reload } = useApi<{ items: Lead[] }>('/api/leads/assigned')
  const [query, setQuery] = useState('')
  const [status, setStatus] = useState('all')
  const [sort, setSort] = useState<LeadSort>('newest')
  const [selected, setSelected] = useState<number | null>(null)
  const leads = useMemo(() => filterLeads(data?.items ?? [], query, status, sort), [data, query, status, sort])

  if (loading && !data) return <p className="py-10 text-center text-slate-500" role="status">Chargement de vos leads…</p>
  if (error && !data)
    return (
      <Card className="p-6 text-center" role="alert">
        <p className="font-medium">Impossible de charger vos leads.</p>
        <p className="mt-1 text-sm text-slate-500">{error.message}</p>
        <button className="mt-3 text-sm font-medium text-brand-600 underline" onClick={reload}>
          Réessayer
        </button>
      </Card>
    )

  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
      <section className={cn('flex min-w-0 flex-col gap-3', selected !== null && 'hidden lg:flex')} aria-label="Mes leads">
        <div className="flex flex-col gap-2 sm:flex-row">
          <div className="relative flex-1">
            <Search className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-slate-400" />
            <Input placeholder="Rechercher un nom, une ville…" value={query} onChange={(e) => setQuery(e.target.value)} className="pl-9" aria-label="Rechercher" />
          </div>
          <div className="flex min-w-0 gap-2">
            <Select className="min-w-0 flex-1" value={status} onChange={(e) => setStatus(e.target.value)} aria-label="Filtrer par statut">
              <option value="all">Tous les statuts</option>
              {Object.entries(statusLabel).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </Select>
            <Select className="min-w-0 flex-1" value={sort} onChange={(e) => setSort(e.target.value as LeadSort)} aria-label="Trier">
              <option value="newest">Plus récents</option>
              <option value="oldest">Plus anciens</option>
            </Select>
          </div>
        </div>
        <p className="text-xs text-slate-500">
          {leads.length} lead{leads.length > 1 ? 's' : ''}
        </p>
        {leads.length === 0 ? (
          <Card className="p-8 text-center text-sm text-slate-500">
            {data?.items.length ? 'Aucun lead ne correspond à votre recherche.' : "Aucun lead ne vous a encore été attribué."}
          </Card>
        ) : (
          <ul className="flex flex-col gap-2" data-testid="lead-list">
            {leads.map((lead) => (
              <li key={lead.id}>
                <button
                  onClick={() => setSelected(lead.id)}
                  className={cn(
                    'flex w-full items-center gap-3 rounded-xl border bg-white p-3 text-left shadow-sm transition-colors hover:border-brand-500',
                    selected === lead.id ? 'border-brand-500 ring-1 ring-brand-500' : 'border-slate-200',
                  )}
                  data-testid="lead-row"
                >
                  <div className="flex size-10 shrink-0 items-center justify-center rounded-full bg-brand-50 text-sm font-semibold text-brand-700">
                    {(lead.firstName[0] ?? '') + (lead.lastName[0] ?? '')}
                  </div>
                  <div className="min-w-0 flex-1">
                    <p className="truncate font-medium">
                      {lead.firstName} {lead.lastName}
                    </p>
                    <p className="truncate text-xs text-slate-500">
                      {lead.city} · {intentionLabel[lead.intention]} · {timelineLabel(lead.timelineMonths)} · {formatCents(lead.priceEstimateCents, true)}
                    </p>
                  </div>
                  <div className="flex flex-col items-end gap-1">
                    <Badge variant={lead.status === 'booked' ? 'success' : 'secondary'}>{statusLabel[lead.status] ?? lead.status}</Badge>
                    <span className="text-xs text-slate-400">{timeAgo(lead.createdAt)}</span>
                  </div>
                  <ChevronRight className="size-4 shrink-0 text-slate-400" />
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className={cn('min-w-0', selected === null && 'hidden lg:block')} aria-label="Détail du lead">
        {selected === null ? (
          <Card className="flex h-full min-h-60 items-center justify-center p-8 text-sm text-slate-500">Sélectionnez un lead pour voir son détail.</Card>
        ) : (
          <LeadDetail id={selected} onBack={() => setSelected(null)} />
        )}
      </section>
    </div>
  )
}
