import { describe, expect, it } from 'vitest'
import { formatCents, formatDateTime, timeAgo, timelineLabel, whatsappLink } from '../lib/format'

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')

describe('French formatting', () => {
  it('writes euros the French way', () => {
    expect(nbsp(formatCents(3500))).toBe('35,00 €')
    expect(nbsp(formatCents(42000000, true))).toBe('420 000 €')
    expect(formatCents(null)).toBe('—')
  })
  it('shows times in Paris, whatever the zone of the browser', () => {
    expect(formatDateTime('2026-11-20T09:30:00Z')).toBe('20/11/2026 à 10:30')
    expect(formatDateTime('2026-07-14T10:00:00Z')).toBe('14/07/2026 à 12:00')
  })
  it('says how long ago', () => {
    const now = Date.parse('2026-11-20T09:30:00Z')
    expect(timeAgo('2026-11-20T09:29:40Z', now)).toBe("à l'instant")
    expect(timeAgo('2026-11-20T09:10:00Z', now)).toBe('il y a 20 min')
    expect(timeAgo('2026-11-20T06:30:00Z', now)).toBe('il y a 3 h')
    expect(timeAgo('2026-11-19T09:30:00Z', now)).toBe('hier')
    expect(timeAgo('2026-11-10T09:30:00Z', now)).toBe('il y a 10 jours')
  })
  it('labels timelines and builds WhatsApp links', () => {
    expect(timelineLabel(0)).toBe('Sous 1 mois')
    expect(timelineLabel(3)).toBe('Sous 3 mois')
    expect(timelineLabel(null)).toBe('Délai inconnu')
    expect(whatsappLink('+33612345678', 'Bonjour Léa')).toBe('https://wa.me/33612345678?text=Bonjour%20L%C3%A9a')
    expect(whatsappLink(null)).toBeNull()
  })
})
