import { Check, CreditCard, Loader2, Undo2 } from 'lucide-react'
import { useState } from 'react'
import { Badge } from '../../components/ui/badge'
import { Button, buttonVariants } from '../../components/ui/button'
import { Card } from '../../components/ui/card'
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '../../components/ui/dialog'
import { Label, Textarea } from '../../components/ui/input'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table'
import { useToast } from '../../components/ui/toast'
import { api, ApiError, type Delivery } from '../../lib/api'
import { deliveryStatusLabel, formatCents, formatDateTime, intentionLabel, timelineLabel } from '../../lib/format'
import { useApi } from '../../lib/use_api'

const statusVariant = { sent: 'warning', opened: 'warning', accepted: 'success', refunded: 'secondary' } as const

// Deliveries: accept a lead (paid with credits when so chosen, or pay by card through Stripe's
// link), or ask for a refund. The seller's contact shows in "Mes leads" once accepted and paid.
export function DeliveriesPanel() {
  const { data, error, loading, reload } = useApi<{ items: Delivery[] }>('/api/agent/deliveries')
  const [busy, setBusy] = useState<number | null>(null)
  const [refundFor, setRefundFor] = useState<Delivery | null>(null)
  const { toast } = useToast()

  async function accept(d: Delivery) {
    setBusy(d.id)
    try {
      await api(`/api/agent/deliveries/${d.id}/accept`, { method: 'POST' })
      toast({ title: 'Lead accepté', description: d.paymentMethod === 'credits' ? `${formatCents(d.priceCents)} débités de vos crédits.` : undefined, variant: 'success' })
      reload()
    } catch (err) {
      const e = err as ApiError
      toast({ title: e.code === 'insufficient_credits' ? 'Crédit insuffisant' : "L'acceptation a échoué", description: e.message, variant: 'error' })
    } finally {
      setBusy(null)
    }
  }

  function actions(d: Delivery) {
    return (
      <div className="flex flex-wrap gap-2 sm:justify-end">
        {(d.status === 'sent' || d.status === 'opened') && (
          <Button size="sm" variant="success" onClick={() => accept(d)} disabled={busy === d.id}>
            {busy === d.id ? <Loader2 className="animate-spin" /> : <Check />}
            Accepter
          </Button>
        )}
        {d.paymentMethod === 'stripe' && !d.paidAt && d.paymentUrl && d.status !== 'refunded' && (
          <a href={d.paymentUrl} target="_blank" rel="noopener noreferrer" className={buttonVariants({ size: 'sm' })}>
            <CreditCard />
            Payer par carte
          </a>
        )}
        {d.status !== 'refunded' && !d.refundRequestedAt && (
          <Button size="sm" variant="outline" onClick={() => setRefundFor(d)}>
            <Undo2 />
            Remboursement
          </Button>
        )}
      </div>
    )
  }

  if (loading && !data) return <p className="py-10 text-center text-slate-500" role="status">Chargement des livraisons…</p>
  if (error && !data)
    return (
      <Card className="p-6 text-center" role="alert">
        <p className="font-medium">Impossible de charger les livraisons.</p>
        <p className="mt-1 text-sm text-slate-500">{error.message}</p>
      </Card>
    )
  const items = data?.items ?? []
  if (items.length === 0) return <Card className="p-8 text-center text-sm text-slate-500">Aucune livraison pour l'instant.</Card>

  return (
    <Card className="overflow-hidden" data-testid="deliveries">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Lead</TableHead>
            <TableHead className="hidden sm:table-cell">Envoyée</TableHead>
            <TableHead>Prix</TableHead>
            <TableHead>Statut</TableHead>
            <TableHead className="hidden text-right sm:table-cell">Actions</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((d) => (
            <TableRow key={d.id} data-testid="delivery-row">
              <TableCell>
                <p className="font-medium">
                  {d.lead.firstName} {d.lead.lastName}
                </p>
                <p className="text-xs text-slate-500">
                  {d.lead.city} · {intentionLabel[d.lead.intention]} · {timelineLabel(d.lead.timelineMonths)}
                </p>
                <div className="mt-2 sm:hidden">{actions(d)}</div>
              </TableCell>
              <TableCell className="hidden text-xs text-slate-500 sm:table-cell">{formatDateTime(d.sentAt)}</TableCell>
              <TableCell>
                <p className="font-medium">{formatCents(d.priceCents)}</p>
                <p className="text-xs text-slate-500">
                  {d.paymentMethod === 'credits' ? 'Crédits' : 'Carte'}
                  {d.paidAt ? ' · payé' : ''}
                </p>
              </TableCell>
              <TableCell>
                <Badge variant={statusVariant[d.status]}>{deliveryStatusLabel[d.status]}</Badge>
                {d.refundRequestedAt && d.status !== 'refunded' && <p className="mt-1 text-xs text-amber-700">Remboursement demandé</p>}
              </TableCell>
              <TableCell className="hidden text-right sm:table-cell">{actions(d)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <RefundDialog delivery={refundFor} onClose={() => setRefundFor(null)} onDone={reload} />
    </Card>
  )
}

function RefundDialog({ delivery, onClose, onDone }: { delivery: Delivery | null; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const { toast } = useToast()
  async function submit() {
    if (!delivery) return
    if (!reason.trim()) {
      setError('Indiquez la raison.')
      return
    }
    try {
      await api(`/api/agent/deliveries/${delivery.id}/refund-request`, { method: 'POST', body: { reason: reason.trim() } })
      toast({ title: 'Demande de remboursement envoyée', variant: 'success' })
      setReason('')
      setError(null)
      onClose()
      onDone()
    } catch (err) {
      setError((err as ApiError).message)
    }
  }
  return (
    <Dialog open={delivery !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogTitle>Demander un remboursement</DialogTitle>
        <DialogDescription>
          {delivery && `${delivery.lead.firstName} ${delivery.lead.lastName} — ${formatCents(delivery.priceCents)}`}
        </DialogDescription>
        <div className="mt-4 flex flex-col gap-2">
          <Label htmlFor="refund-reason">Raison</Label>
          <Textarea id="refund-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Numéro injoignable, pas vendeur…" />
          {error && (
            <p className="text-sm text-red-600" role="alert">
              {error}
            </p>
          )}
          <Button onClick={submit} className="mt-2">
            Envoyer la demande
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  )
}
