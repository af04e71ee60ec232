// French formatting: euros, dates and times in Europe/Paris, whatever the browser's zone.
const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' })
const eurosRound = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 })
const dateTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
})
const dateOnly = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: 'short', year: 'numeric' })
const timeOnly = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' })
const longDate = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long' })

export function formatCents(cents: number | null | undefined, round = false): string {
  if (cents === null || cents === undefined) return '—'
  return (round ? eurosRound : euros).format(cents / 100)
}

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)).replace(' ', ' à ') : '—'
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? dateOnly.format(new Date(iso)) : '—'
}

export function formatSlot(start: string, end: string): string {
  const s = new Date(start)
  return `${longDate.format(s)}, ${timeOnly.format(s)}–${timeOnly.format(new Date(end))}`
}

export function timeAgo(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '—'
  const minutes = Math.round((now - new Date(iso).getTime()) / 60000)
  if (minutes < 1) return "à l'instant"
  if (minutes < 60) return `il y a ${minutes} min`
  const hours = Math.round(minutes / 60)
  if (hours < 24) return `il y a ${hours} h`
  const days = Math.round(hours / 24)
  return days === 1 ? 'hier' : `il y a ${days} jours`
}

export const intentionLabel: Record<string, string> = {
  sell: 'Vendre', estimate: 'Estimation', buy: 'Acheter', unknown: 'Inconnue',
}

export const statusLabel: Record<string, string> = {
  active: 'Actif', follow_up: 'À relancer', nurture: 'Nurturing', booked: 'RDV pris',
  bad_number: 'Mauvais numéro', not_seller: 'Pas vendeur', dnc: 'Ne pas contacter',
}

export const stageLabel: Record<string, string> = {
  new: 'Nouveau', contacted: 'Contacté', qualified: 'Qualifié', booked: 'RDV', sent_to_agent: 'Envoyé',
  sold: 'Vendu', refunded_bad: 'Remboursé',
}

export const deliveryStatusLabel: Record<string, string> = {
  sent: 'À accepter', opened: 'Consultée', accepted: 'Acceptée', refunded: 'Remboursée',
}

export function timelineLabel(months: number | null | undefined): string {
  if (months === null || months === undefined) return 'Délai inconnu'
  if (months <= 1) return 'Sous 1 mois'
  return `Sous ${months} mois`
}

// wa.me wants the number without "+".
export function whatsappLink(e164: string | null | undefined, text = ''): string | null {
  if (!e164) return null
  return `https://wa.me/${e164.replace('+', '')}${text ? `?text=${encodeURIComponent(text)}` : ''}`
}
