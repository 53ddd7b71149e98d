// Household invitation letters (入户邀请函) and the sign-up progress: staff issue a building's letters and
// follow them, confirm the phones letters bring when the street asks for it, and read how many households
// have signed up; a resident redeems a letter on the H5 with a new phone and an SMS code.
import { request, requestItems } from './client'
import type { SessionUser } from './session'
import type { NodeKind } from './org'

/** One printed letter: the household's address and its code, shown only in the answer that issued it. */
export interface InvitationLetter {
  part_id: number
  address: string
  code: string
  /** The H5 page the letter's QR opens, a path on this server (`/m/invite?code=…`). */
  url: string
}

export interface IssuedLetters {
  batch_id: number
  building: { id: number; name: string; compound_id: number; compound: string }
  issued_at: string
  expires_at: string
  /** The building's earlier letters, not used, that this issue voided. */
  voided: number
  /** Households without a letter: everyone in them has a phone, or nobody is registered there. */
  skipped: { with_phones: number; without_people: number }
  letters: InvitationLetter[]
}

/**
 * POST /api/v1/residents/invitations: a letter per household of the building with someone without a phone;
 * voids the building's unused letters. 404 for a building outside the user's scope, 422 when no household
 * needs one, 429 within a minute of the last issue.
 */
export function issueInvitations(buildingId: number): Promise<IssuedLetters> {
  return request<IssuedLetters>('POST', '/api/v1/residents/invitations', { body: { building_id: buildingId } })
}

/** A batch of letters as listed: who issued it when, and what became of its letters. */
export interface InvitationBatch {
  id: number
  building_id: number
  building: string
  issued_at: string
  issued_by: string
  expires_at: string
  letters: number
  used: number
  voided: number
  expired: number
}

/** GET /api/v1/residents/invitations?compound=: the compound's batches, newest first. */
export function listInvitationBatches(compoundId: number): Promise<InvitationBatch[]> {
  return requestItems<InvitationBatch>('GET', '/api/v1/residents/invitations', { query: { compound: compoundId } })
}

/** A redeemed letter waiting for the community to confirm its phone (invitation_needs_confirmation). */
export interface InvitationRequest {
  id: number
  person_id: number
  /** Masked, as the registry shows names and phones. */
  name: string
  phone: string
  requested_at: string
  state: 'pending' | 'confirmed' | 'refused'
  part_id: number
  address: string
  compound_id: number
  compound: string
}

/** GET /api/v1/residents/invitation-requests?compound=: those waiting, oldest first. */
export function listInvitationRequests(compoundId: number): Promise<InvitationRequest[]> {
  return requestItems<InvitationRequest>('GET', '/api/v1/residents/invitation-requests', {
    query: { compound: compoundId },
  })
}

/** POST …/invitation-requests/{id}/confirm|refuse: 409 when settled already, or (confirm) when the phone is another's by now. */
export function settleInvitationRequest(id: number, decision: 'confirm' | 'refuse'): Promise<InvitationRequest> {
  return request<InvitationRequest>('POST', `/api/v1/residents/invitation-requests/${id}/${decision}`)
}

export interface SignUpCount {
  households: number
  signed_up: number
}

export interface SignUpProgress extends SignUpCount {
  node: { id: number; name: string; kind: NodeKind }
  compounds: (SignUpCount & {
    compound_id: number
    compound: string
    buildings: (SignUpCount & { building_id: number; building: string })[]
  })[]
}

/** GET /api/v1/residents/sign-up-progress?node=: a street's, community's or compound's households and those signed up. */
export function getSignUpProgress(nodeId: number): Promise<SignUpProgress> {
  return request<SignUpProgress>('GET', '/api/v1/residents/sign-up-progress', { query: { node: nodeId } })
}

/**
 * POST /api/v1/residents/invitations/sms-code: a code to the phone when the letter is valid (the same answer
 * for any phone). 404/410 name `invitation_code`, 429 comes with Retry-After.
 */
export function requestInvitationCode(invitationCode: string, phone: string): Promise<{ resend_after: number }> {
  return request<{ resend_after: number }>('POST', '/api/v1/residents/invitations/sms-code', {
    body: { invitation_code: invitationCode, phone },
  })
}

/** One person of the household without a phone, to choose from. */
export interface Claimant {
  person_id: number
  name: string
}

export type Redemption =
  | { signed_in: SessionUser & { csrf_token: string } }
  | { choose: Claimant[] }
  | { pending: true }

/**
 * POST /api/v1/residents/invitations/redeem: the resident signed in, the household's people to choose from,
 * or (when the street confirms phones first) a request waiting for the community. 409 names `phone` when it is
 * registered already (it signs in by phone).
 */
export async function redeemInvitation(
  invitationCode: string,
  phone: string,
  code: string,
  personId?: number,
): Promise<Redemption> {
  const body = { invitation_code: invitationCode, phone, code, ...(personId ? { person_id: personId } : {}) }
  const answer = await request<
    { user: SessionUser; csrf_token: string } | { choose: Claimant[] } | { pending: true; request_id: number }
  >('POST', '/api/v1/residents/invitations/redeem', { body })
  if ('choose' in answer) return { choose: answer.choose }
  if ('pending' in answer) return { pending: true }
  return { signed_in: { ...answer.user, csrf_token: answer.csrf_token } }
}
