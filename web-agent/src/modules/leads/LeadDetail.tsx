import { ArrowLeft, CalendarClock, Mail, MessageCircle, MessageSquare, Phone, PhoneCall, StickyNote } from 'lucide-react'
import { Badge } from '../../components/ui/badge'
import { Button, buttonVariants } from '../../components/ui/button'
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card'
import type { LeadDetail as LeadDetailData } from '../../lib/api'
import { formatCents, formatDateTime, formatSlot, intentionLabel, statusLabel, timelineLabel, whatsappLink } from '../../lib/format'
import { useApi } from '../../lib/use_api'
import { contactBlock } from './contact_block'
import { LogInteractionForm } from './LogInteractionForm'

export function LeadDetail({ id, onBack }: { id: number; onBack: () => void }) {
  const { data, error, loading, reload } = useApi<LeadDetailData>(`/api/agent/leads/${id}`)

  if (loading && !data) return <Card className="p-8 text-center text-sm text-slate-500" role="status">Chargement du lead…</Card>
  if (error || !data)
    return (
      <Card className="p-6 text-center" role="alert">
        <p className="font-medium">Ce lead n'est pas disponible.</p>
        <p className="mt-1 text-sm text-slate-500">{error?.message}</p>
        <Button variant="outline" size="sm" className="mt-3" onClick={onBack}>
          Retour à la liste
        </Button>
      </Card>
    )

  const { lead, interactions, appointments } = data
  // Masked until the agent accepts (hidden), or not to be called at all (blocked: dnc, bad number).
  const hidden = lead.contactRevealed === false
  const blocked = contactBlock(lead)
  const reachable = !hidden && !blocked
  const wa = reachable ? whatsappLink(lead.phoneE164, `Bonjour ${lead.firstName}, `) : null
  const phone = lead.phoneE164 ?? lead.phone
  return (
    <Card data-testid="lead-detail">
      <CardHeader>
        <button onClick={onBack} className="mb-1 flex items-center gap-1 text-sm text-brand-600 lg:hidden">
          <ArrowLeft className="size-4" /> Mes leads
        </button>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div>
            <CardTitle className="text-xl">
              {lead.firstName} {lead.lastName}
            </CardTitle>
            <p className="text-sm text-slate-500">
              {lead.city} {lead.zip}
              {lead.area ? ` · ${lead.area}` : ''}
            </p>
          </div>
          <Badge variant={lead.status === 'booked' ? 'success' : 'secondary'}>{statusLabel[lead.status] ?? lead.status}</Badge>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        {hidden && (
          <p className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" data-testid="contact-hidden">
            Téléphone et e-mail complets dès que vous acceptez ce lead (onglet Livraisons){' '}
            — et après le paiement par carte s'il est réglé ainsi.
          </p>
        )}
        {blocked && (
          <p className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900" role="note" data-testid="contact-blocked">
            {blocked}
          </p>
        )}
        <div className="grid grid-cols-3 gap-2">
          <ContactAction href={reachable ? `tel:${phone}` : null} variant="success" reason={blocked}>
            <Phone /> Appeler
          </ContactAction>
          <ContactAction href={reachable ? `sms:${phone}` : null} variant="outline" reason={blocked}>
            <MessageSquare /> SMS
          </ContactAction>
          {blocked ? (
            <ContactAction href={null} variant="outline" reason={blocked}>
              <MessageCircle /> WhatsApp
            </ContactAction>
          ) : wa ? (
            <a href={wa} target="_blank" rel="noreferrer" className={buttonVariants({ variant: 'outline', size: 'lg' })}>
              <MessageCircle /> WhatsApp
            </a>
          ) : (
            <span className={buttonVariants({ variant: 'outline', size: 'lg' }) + ' opacity-50'}>WhatsApp</span>
          )}
        </div>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-sm sm:grid-cols-3">
          <Info label="Téléphone" value={lead.phone} />
          <Info
            label="E-mail"
            value={
              !lead.email ? '—' : hidden ? lead.email : (
                <a className="text-brand-600 underline" href={`mailto:${lead.email}`}>
                  <Mail className="mr-1 inline size-3.5" />
                  {lead.email}
                </a>
              )
            }
          />
          <Info label="Intention" value={intentionLabel[lead.intention] ?? lead.intention} />
          <Info label="Délai" value={timelineLabel(lead.timelineMonths)} />
          <Info label="Estimation" value={formatCents(lead.priceEstimateCents, true)} />
          <Info label="Consentement" value={lead.consent ? `Oui, le ${formatDateTime(lead.consentAt)}` : 'Non'} />
        </dl>
        {appointments.length > 0 && (
          <div className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm" data-testid="appointment">
            <p className="flex items-center gap-2 font-medium text-emerald-900">
              <CalendarClock className="size-4" /> Rendez-vous
            </p>
            {appointments.map((a) => (
              <p key={a.id} className="mt-1 text-emerald-900">
                {formatSlot(a.start, a.end)}
                {a.location ? ` — ${a.location}` : ''}
              </p>
            ))}
          </div>
        )}
        <LogInteractionForm leadId={lead.id} onLogged={reload} />
        <div>
          <h3 className="mb-2 text-sm font-semibold">Historique</h3>
          {interactions.length === 0 ? (
            <p className="text-sm text-slate-500" data-testid="history">
              Aucun échange pour l'instant.
            </p>
          ) : (
            <ol className="flex flex-col gap-2" data-testid="history">
              {interactions.map((i) => (
                <li key={i.id} className="flex gap-3 rounded-lg bg-slate-50 p-3 text-sm">
                  {i.kind === 'call' ? <PhoneCall className="mt-0.5 size-4 shrink-0 text-emerald-600" /> : <StickyNote className="mt-0.5 size-4 shrink-0 text-amber-600" />}
                  <div className="min-w-0">
                    <p className="whitespace-pre-wrap break-words">{i.summary}</p>
                    <p className="mt-0.5 text-xs text-slate-500">
                      {i.kind === 'call' ? 'Appel' : i.kind === 'note' ? 'Note' : i.kind} · {formatDateTime(i.timestamp)} · {i.userName}
                      {i.durationS ? ` · ${Math.round(i.durationS / 60)} min` : ''}
                    </p>
                  </div>
                </li>
              ))}
            </ol>
          )}
        </div>
      </CardContent>
    </Card>
  )
}

// Call, SMS or WhatsApp: a link to the number, or the same button greyed out while the number
// is masked or must not be used (the reason as its tooltip).
function ContactAction({ href, variant, reason, children }: { href: string | null; variant: 'success' | 'outline'; reason?: string | null; children: React.ReactNode }) {
  const look = buttonVariants({ variant, size: 'lg' })
  if (!href)
    return (
      <span className={look + ' pointer-events-none opacity-50'} aria-disabled="true" title={reason ?? undefined}>
        {children}
      </span>
    )
  return (
    <a href={href} className={look}>
      {children}
    </a>
  )
}

function Info({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="truncate font-medium">{value}</dd>
    </div>
  )
}
