import { Wallet } from 'lucide-react'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table'
import type { CreditLine } from '../../lib/api'
import { formatCents, formatDateTime } from '../../lib/format'
import { useApi } from '../../lib/use_api'
import { cn } from '../../lib/utils'

const kindLabel: Record<string, string> = { topup: 'Recharge', delivery: 'Lead accepté', refund: 'Remboursement', adjustment: 'Ajustement' }

export function CreditsPanel() {
  const { data, error, loading } = useApi<{ balanceCents: number; ledger: CreditLine[] }>('/api/agent/credits')
  if (loading && !data) return <p className="py-10 text-center text-slate-500" role="status">Chargement des crédits…</p>
  if (error || !data)
    return (
      <Card className="p-6 text-center" role="alert">
        <p className="font-medium">Impossible de charger vos crédits.</p>
        <p className="mt-1 text-sm text-slate-500">{error?.message}</p>
      </Card>
    )
  return (
    <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
      <Card>
        <CardHeader>
          <CardDescription className="flex items-center gap-2">
            <Wallet className="size-4" /> Solde disponible
          </CardDescription>
          <CardTitle className="text-3xl" data-testid="balance">
            {formatCents(data.balanceCents)}
          </CardTitle>
        </CardHeader>
        <CardContent className="text-sm text-slate-500">Les leads payés en crédits sont débités quand vous les acceptez.</CardContent>
      </Card>
      <Card className="overflow-hidden">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Date</TableHead>
              <TableHead>Mouvement</TableHead>
              <TableHead className="text-right">Montant</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.ledger.length === 0 && (
              <TableRow>
                <TableCell colSpan={3} className="py-6 text-center text-slate-500">
                  Aucun mouvement.
                </TableCell>
              </TableRow>
            )}
            {data.ledger.map((l) => (
              <TableRow key={l.id} data-testid="ledger-row">
                <TableCell className="text-xs text-slate-500">{formatDateTime(l.createdAt)}</TableCell>
                <TableCell>
                  <p className="font-medium">{kindLabel[l.kind] ?? l.kind}</p>
                  <p className="text-xs text-slate-500">{l.note}</p>
                </TableCell>
                <TableCell className={cn('text-right font-medium', l.amountCents < 0 ? 'text-red-600' : 'text-emerald-700')}>
                  {l.amountCents > 0 ? '+' : ''}
                  {formatCents(l.amountCents)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
    </div>
  )
}
