// Why an agent may not call, text or WhatsApp a lead, in French, or null when they may: the
// seller asked not to be contacted (dnc), or the number is known to be wrong (bad_number). The
// server refuses these too; the buttons say it before anyone dials.
import type { Lead } from '../../lib/api'

export function contactBlock(lead: Pick<Lead, 'dnc' | 'badNumber' | 'status'>): string | null {
  if (lead.dnc || lead.status === 'dnc') return 'Ne pas contacter : le vendeur a demandé à ne plus être appelé ni recevoir de messages.'
  if (lead.badNumber || lead.status === 'bad_number') return 'Numéro invalide : appel, SMS et WhatsApp désactivés.'
  return null
}
