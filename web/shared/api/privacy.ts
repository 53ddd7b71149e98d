// A person's rights over their own data (PIPL): the privacy notice and its versions, the signed-in
// person's consent, 我的信息 (what the platform holds about them, masked), their requests to correct it and
// the closing of their account, and the staff's list of requests and their answer.
import { request, requestItems, type Page } from './client'

export type CorrectionField = 'name' | 'phone' | 'id_number' | 'home' | 'other'
export type CorrectionStatus = 'open' | 'corrected' | 'rejected'
export type CorrectionOutcome = Exclude<CorrectionStatus, 'open'>

export const correctionFields: readonly CorrectionField[] = ['name', 'phone', 'id_number', 'home', 'other']
export const correctionStatuses: readonly CorrectionStatus[] = ['open', 'corrected', 'rejected']

export interface PrivacyNotice {
  version: number
  body: string
  published_at: string
}

export interface NoticeVersion extends PrivacyNotice {
  /** People who consented to this version. */
  consents: number
}

export interface ConsentState {
  current_version: number | null
  consented_version: number | null
  /** Only an account behind a person of the registry is asked, each time a newer version is published. */
  needs_consent: boolean
}

export interface Correction {
  id: number
  field: CorrectionField
  /** Masked as the registry masks the field for the person who asked; in clear for staff who answer. */
  proposed: string
  note: string | null
  status: CorrectionStatus
  reply: string | null
  created_at: string
  resolved_at: string | null
}

export interface StaffCorrection extends Correction {
  /** The name is masked. */
  person: { id: number; name: string }
  home: { id: number; name: string }
}

export interface MyData {
  /** Null for an account no person of the registry stands behind. */
  person: { name: string; phone: string | null; id_number: string | null; birth_year: number | null; party_member: boolean } | null
  homes: { address: string; compound: { id: number; name: string } | null; relation: 'owner' | 'tenant' | 'resident'; since: string }[]
  roles: { role: string; scope_node_id: number; scope_name: string; scope_kind: string }[]
  consents: { version: number; consented_at: string }[]
  /** Devices signed in now. */
  sessions: number
  /** Owners' votes counted for the person: which vote, how and when, never the choices. */
  ballots: { vote_id: number; title: string; channel: 'online' | 'paper' | 'meeting'; recorded_at: string }[]
  corrections: Correction[]
  /** How many requests may wait for an answer at once. */
  open_limit: number
}

/** The current version; open to anyone (the login page links it). */
export function getPrivacyNotice(): Promise<PrivacyNotice> {
  return request<PrivacyNotice>('GET', '/api/v1/privacy/notice')
}

export function listNoticeVersions(): Promise<NoticeVersion[]> {
  return requestItems<NoticeVersion>('GET', '/api/v1/privacy/notices')
}

/** Publishes the text as the next version: every resident is asked to consent again. */
export function publishNotice(body: string): Promise<PrivacyNotice> {
  return request<PrivacyNotice>('POST', '/api/v1/privacy/notices', { body: { body } })
}

export function getMyConsent(): Promise<ConsentState> {
  return request<ConsentState>('GET', '/api/v1/me/consent')
}

/** 409 naming `version` when a newer version was published meanwhile. */
export function consentTo(version: number): Promise<ConsentState> {
  return request<ConsentState>('POST', '/api/v1/me/consent', { body: { version } })
}

export function getMyData(): Promise<MyData> {
  return request<MyData>('GET', '/api/v1/me/data')
}

/** 400 names the field at fault; 409 naming `field` when open_limit requests already wait. */
export function askCorrection(correction: { field: CorrectionField; proposed: string; note?: string }): Promise<Correction> {
  return request<Correction>('POST', '/api/v1/me/corrections', { body: correction })
}

/** One page of the requests of people whose home lies under the node, newest first. Reading them is audited. */
export async function listCorrections(query: { node?: number; status?: CorrectionStatus }, cursor?: string | null, limit = 50): Promise<Page<StaffCorrection>> {
  const page = await request<{ items: StaffCorrection[]; next_cursor: string | null }>('GET', '/api/v1/privacy/corrections', {
    query: { ...query, cursor, limit },
  })
  return { items: page.items, next_cursor: page.next_cursor ?? null }
}

/**
 * Closes the caller's own account (a resident's only: 403 for staff) and signs this device out: sessions end,
 * consents are withdrawn, and the registry keeps the person; a later sign-in by phone makes a new account.
 */
export function closeMyAccount(): Promise<void> {
  return request<void>('DELETE', '/api/v1/me/account')
}

/** A rejection needs a reply saying why; 409 when someone answered first. */
export function resolveCorrection(id: number, answer: { outcome: CorrectionOutcome; reply?: string }): Promise<StaffCorrection> {
  return request<StaffCorrection>('POST', `/api/v1/privacy/corrections/${id}/resolve`, { body: answer })
}
