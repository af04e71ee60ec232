import { Loader2 } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import { Button } from '../../components/ui/button'
import { Label, Select, Textarea } from '../../components/ui/input'
import { useToast } from '../../components/ui/toast'
import { api, ApiError } from '../../lib/api'

// Log a call or a note on a lead; the history reloads when it is saved.
export function LogInteractionForm({ leadId, onLogged }: { leadId: number; onLogged: () => void }) {
  const [kind, setKind] = useState('call')
  const [summary, setSummary] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const { toast } = useToast()

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!summary.trim()) {
      setError('Écrivez un résumé.')
      return
    }
    setBusy(true)
    setError(null)
    try {
      await api(`/api/agent/leads/${leadId}/interactions`, { method: 'POST', body: { kind, summary: summary.trim() } })
      setSummary('')
      toast({ title: kind === 'call' ? 'Appel enregistré' : 'Note enregistrée', variant: 'success' })
      onLogged()
    } catch (err) {
      const e2 = err as ApiError
      setError(e2.fields.summary ? `Résumé : ${e2.fields.summary}` : e2.message)
      toast({ title: "L'enregistrement a échoué", description: e2.message, variant: 'error' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3" aria-label="Noter un échange">
      <div className="flex items-center justify-between gap-2">
        <Label htmlFor={`kind-${leadId}`}>Noter un échange</Label>
        <Select id={`kind-${leadId}`} value={kind} onChange={(e) => setKind(e.target.value)} className="w-auto">
          <option value="call">Appel</option>
          <option value="note">Note</option>
        </Select>
      </div>
      <Textarea
        aria-label="Résumé"
        placeholder={kind === 'call' ? 'Ce qui a été dit, la suite prévue…' : 'Votre note…'}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
      />
      {error && (
        <p className="text-sm text-red-600" role="alert">
          {error}
        </p>
      )}
      <Button type="submit" disabled={busy} className="self-end">
        {busy && <Loader2 className="animate-spin" />}
        Enregistrer
      </Button>
    </form>
  )
}
