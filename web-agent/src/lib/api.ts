// The one way the web app talks to the server: same-origin cookies, the CSRF header on
// every write, JSON in and out, and the API's error shape turned into ApiError.
export type Role = 'agent' | 'operator' | 'admin'

export interface User {
  id: number
  username: string
  displayName: string
  role: Role
  demo?: boolean // the server runs the demo data: the Agent CRM shows its banner
}

export interface Lead {
  id: number
  firstName: string
  lastName: string
  phone: string
  phoneE164: string | null
  email: string | null
  intention: string
  timelineMonths: number | null
  city: string
  zip: string
  area: string
  priceEstimateCents: number | null
  consent: boolean
  consentAt: string | null
  status: string
  stage: string
  badNumber: boolean
  dnc: boolean
  createdAt: string
  updatedAt: string
  // False until the agent has accepted (and paid, when by card): lastName is an initial, phone
  // and e-mail are masked, phoneE164 is null. A trusted agent's delivery reveals it at once.
  contactRevealed?: boolean
}

export interface Interaction {
  id: number
  kind: string
  direction: string | null
  summary: string
  outcome: string | null
  timestamp: string
  durationS: number | null
  userName: string
}

export interface Appointment {
  id: number
  start: string
  end: string
  location: string
}

export interface LeadDetail {
  lead: Lead
  interactions: Interaction[]
  appointments: Appointment[]
}

export interface Delivery {
  id: number
  leadId: number
  lead: { id: number; firstName: string; lastName: string; city: string; zip: string; intention: string; timelineMonths: number | null; priceEstimateCents: number | null }
  status: 'sent' | 'opened' | 'accepted' | 'refunded'
  channel: string
  priceCents: number
  pricing: { baseCents?: number; slotBonusCents?: number; exclusiveBonusCents?: number }
  exclusive: boolean
  paymentMethod: 'credits' | 'stripe'
  paymentUrl: string | null
  paidAt: string | null
  sentAt: string | null
  acceptedAt: string | null
  refundedAt: string | null
  refundReason: string | null
  refundRequestedAt: string | null
  createdAt: string
  contactRevealed?: boolean
}

export interface AgentAppointment {
  id: number
  leadId: number
  start: string
  end: string
  location: string
  lead: { firstName: string; lastName: string; city: string }
  icsUrl: string
}

export interface CreditLine {
  id: number
  amountCents: number
  kind: string
  note: string
  deliveryId: number | null
  createdAt: string
}

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public fields: Record<string, string> = {},
  ) {
    super(message)
  }
}

// Called when any request answers 401: the shell goes back to the login page.
let onUnauthenticated: (() => void) | null = null
export function setUnauthenticatedHandler(handler: (() => void) | null) {
  onUnauthenticated = handler
}

export async function api<T>(path: string, options: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (method !== 'GET') headers['X-Requested-With'] = 'crm'
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    })
  } catch {
    throw new ApiError(0, 'network', 'Le serveur est injoignable. Vérifiez votre connexion.')
  }
  if (response.status === 204) return undefined as T
  const data = await response.json().catch(() => null)
  if (!response.ok) {
    const err = data?.error ?? {}
    if (response.status === 401 && path !== '/api/auth/login' && path !== '/api/me') onUnauthenticated?.()
    throw new ApiError(response.status, err.code ?? 'error', err.message ?? `Erreur ${response.status}`, err.fields ?? {})
  }
  return data as T
}
