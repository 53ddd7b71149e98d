// The elections module: self-management committee elections (七步选举) as the console runs them (the seven
// signed-off steps, visits, candidates and vetting, complaints, paper ballots with double entry, the
// count and lot drawings) and a resident's secret ballot in them.
import { request, requestItems } from './client'
import type { Ref } from './governance'
import type { Origin } from './committees'

export type { Origin }

export type RollPolicy = 'household' | 'adult_residents'
export type MajorityBase = 'returned' | 'valid'
export type ElectionState = 'running' | 'filed'
export type Nomination = 'self' | 'joint' | 'organisation'
export type Vetting = 'pending' | 'approved' | 'rejected'
export type RoundKind = 'first' | 'runoff' | 'further'
export type RoundVoid = 'none' | 'more_returned_than_issued' | 'turnout_not_more_than_half'
export type PaperEntryStatus = 'awaiting_second_entry' | 'counted' | 'held'

export const rollPolicies: readonly RollPolicy[] = ['household', 'adult_residents']
export const majorityBases: readonly MajorityBase[] = ['returned', 'valid']
export const nominations: readonly Nomination[] = ['self', 'joint', 'organisation']
export const origins: readonly Origin[] = [
  'enthusiastic_resident',
  'building_leader',
  'resident_group_leader',
  'social_worker',
  'commissioner',
]

/** The fixed order of the seven steps (their names are per election). */
export const stepCount = 7
export const Steps = { workingGroup: 1, publicity: 2, registration: 3, nomination: 4, vetting: 5, voting: 6, filing: 7 } as const

export interface ElectionStep {
  step: number
  name: string
  has_publicity: boolean
  /** Null until the step is opened. */
  opened_at: string | null
  /** The last day of the publicity period (street time), for publicity steps once opened. */
  publicity_ends_on: string | null
  signed_off_at: string | null
  signed_off_by_user_id: number | null
  /** The supervisor by account name and role, as every timeline shows who took a step. */
  signed_off_by: { id: number; name: string; role: string } | null
  /** The supervisor's note, when one was written. */
  sign_off_note: string | null
}

export interface CandidateVotes {
  candidate_id: number
  votes: number
}

/** A round's stored count: every figure the console explains. */
export interface RoundResult {
  issued: number
  returned: number
  valid_ballots: number
  void_ballots: number
  round_valid: boolean
  round_void: RoundVoid
  base: number
  tally: CandidateVotes[]
  elected: CandidateVotes[]
  runoff: number[]
  runoff_seats: number
  vacant_seats: number
  alternates: CandidateVotes[]
  lot_needed: number[]
}

/** A counted round's candidates judged by the server's rules: the bound each was held to and whether it was met. */
export interface RoundVerdicts {
  /** The least votes that elect by the round's rule (more than half of the base, one, or a third of those returned). */
  electing_votes: number
  /** The least votes of an alternate: a third of the base, and at least one. */
  alternate_votes: number
  candidates: { candidate_id: number; votes_needed: number; meets_rule: boolean }[]
}

export interface ElectionRound {
  round: number
  kind: RoundKind
  seats: number
  candidate_ids: number[]
  /** Null until the round is counted. */
  result: RoundResult | null
  /** Null until the round is counted; beside the result, never in it. */
  verdicts: RoundVerdicts | null
  /** Every lot drawn in this round: candidate ids in the order drawn. */
  lot_drawings: number[][]
}

export interface Election {
  id: number
  compound: Ref
  title: string
  seats: number
  roll_policy: RollPolicy
  majority_base: MajorityBase
  current_step: number
  state: ElectionState
  committee_id: number | null
  steps: ElectionStep[]
  rounds: ElectionRound[]
  created_at: string
}

export interface NewElection {
  compound_id: number
  title: string
  seats: number
  roll_policy: RollPolicy
  majority_base: MajorityBase
}

export interface Visit {
  id: number
  visitor: Ref
  visited: Ref
  visited_on: string
  notes: string
}

export interface NewVisit {
  visitor_person_id: number
  visited_person_id: number
  visited_on: string
  notes: string
}

export interface Candidate {
  id: number
  /** `full_name` once the candidate is approved and the list publicised (from the vetting step). */
  person: Ref & { full_name?: string }
  party_member: boolean
  nomination: Nomination
  nominated_by: string
  origin: Origin
  vetting: Vetting
  vetting_reason: string | null
}

export interface NewCandidate {
  person_id: number
  nomination: Nomination
  nominated_by: string
  origin: Origin
}

export interface Complaint {
  id: number
  step: number
  text: string
  answer: string | null
  created_at: string
}

export interface PaperAccount {
  issued: number
  returned: number
  spoiled: number
}

const base = '/api/v1/elections'

export function listElections(node?: number): Promise<Election[]> {
  return requestItems<Election>('GET', base, { query: { node } })
}

export function getElection(id: number): Promise<Election> {
  return request<Election>('GET', `${base}/${id}`)
}

/** POST /api/v1/elections: 201; 400 names the field at fault (title, seats, roll_policy…). */
export function createElection(election: NewElection): Promise<Election> {
  return request<Election>('POST', base, { body: election })
}

/** 409 with the server's reason when the step is out of order or the one before is not signed off. */
export function openStep(id: number, step: number): Promise<Election> {
  return request<Election>('POST', `${base}/${id}/steps/${step}/open`)
}

/** The supervisor's sign-off; 409 when the step's conditions (publicity over, roll, vetting…) are not met. */
export function signOffStep(id: number, step: number, note: string): Promise<Election> {
  return request<Election>('POST', `${base}/${id}/steps/${step}/sign-off`, { body: note ? { note } : {} })
}

export function listVisits(id: number): Promise<Visit[]> {
  return requestItems<Visit>('GET', `${base}/${id}/visits`)
}

export function addVisit(id: number, visit: NewVisit): Promise<Election> {
  return request<Election>('POST', `${base}/${id}/visits`, { body: visit })
}

export function listCandidates(id: number): Promise<Candidate[]> {
  return requestItems<Candidate>('GET', `${base}/${id}/candidates`)
}

export function nominateCandidate(id: number, candidate: NewCandidate): Promise<Election> {
  return request<Election>('POST', `${base}/${id}/candidates`, { body: candidate })
}

export function vetCandidate(id: number, candidateId: number, vetting: 'approved' | 'rejected', reason: string): Promise<Election> {
  return request<Election>('POST', `${base}/${id}/candidates/${candidateId}/vetting`, { body: { vetting, reason } })
}

export function listComplaints(id: number): Promise<Complaint[]> {
  return requestItems<Complaint>('GET', `${base}/${id}/complaints`)
}

export function answerComplaint(id: number, complaintId: number, answer: string): Promise<Election> {
  return request<Election>('POST', `${base}/${id}/complaints/${complaintId}/answer`, { body: { answer } })
}

/** The clerk's account of the open round's paper ballots. */
export function recordPaperAccount(id: number, account: PaperAccount): Promise<Election> {
  return request<Election>('POST', `${base}/${id}/paper-account`, { body: account })
}

/** One clerk's typing of a numbered paper ballot: 201 counted, 202 awaiting the second entry or held. */
export async function enterPaperBallot(id: number, ballotNumber: string, choices: number[]): Promise<PaperEntryStatus> {
  const answer = await request<{ status: PaperEntryStatus }>('POST', `${base}/${id}/paper-entries`, {
    body: { ballot_number: ballotNumber, choices },
  })
  return answer.status
}

/** Numbers of the open round's paper ballots whose two entries differ. */
export function listHeldBallots(id: number): Promise<string[]> {
  return requestItems<string>('GET', `${base}/${id}/paper-held`)
}

export function settleHeldBallot(id: number, ballotNumber: string, choices: number[]): Promise<Election> {
  return request<Election>('POST', `${base}/${id}/paper-held/${encodeURIComponent(ballotNumber)}/settle`, { body: { choices } })
}

/** Counts the open round; a runoff or further round is opened when the result needs one. */
export function countRound(id: number): Promise<Election> {
  return request<Election>('POST', `${base}/${id}/count`)
}

/** Records a lot drawing: one group of lot_needed, in the order drawn. */
export function drawLot(id: number, round: number, order: number[]): Promise<Election> {
  return request<Election>('POST', `${base}/${id}/rounds/${round}/lot`, { body: { order } })
}

/** The round ballots are cast in now: the last one, while it is not counted. */
export function openRound(election: Election): ElectionRound | null {
  const last = election.rounds[election.rounds.length - 1]
  return last && last.result === null ? last : null
}

/** What a counted round made of a candidate: elected, to a runoff, an alternate (with their rank), or none. */
export type CandidateOutcome = 'elected' | 'runoff' | 'alternate' | 'none'
export function candidateOutcome(result: RoundResult, candidateId: number): { outcome: CandidateOutcome; rank?: number } {
  if (result.elected.some((entry) => entry.candidate_id === candidateId)) return { outcome: 'elected' }
  if (result.runoff.includes(candidateId)) return { outcome: 'runoff' }
  const rank = result.alternates.findIndex((entry) => entry.candidate_id === candidateId)
  return rank >= 0 ? { outcome: 'alternate', rank: rank + 1 } : { outcome: 'none' }
}

// A resident's secret ballot: their elections, the candidates, the one-time token, casting and the
// public receipt check.

/** A candidate of the open round as the voter sees them. */
export interface BallotCandidate {
  id: number
  name: string
  party_member: boolean
  /** The committee origin the candidate was nominated with; empty or null when none was given. */
  origin: Origin | '' | null
}

/** An election of a compound where the signed-in person is on the roll, as /me/elections lists it. */
export interface MyElection {
  id: number
  title: string
  compound: Ref
  /** Seats of the open round (a runoff may have fewer), else of the election. */
  seats: number
  /** 1–7; step 6 is voting. */
  current_step: number
  step_name: string
  state?: 'running' | 'filed'
  voting_open: boolean
  round: number | null
  /** Whether this person has voted in the current round (only that fact is kept, never the ballot). */
  voted: boolean
  /** The open round's candidates (a runoff's are only the tied); empty when voting is not open. */
  candidates?: BallotCandidate[]
}

export interface PublicCandidates {
  election: { id: number; title: string; seats: number }
  items: Omit<BallotCandidate, 'origin'>[]
}

export interface ElectionReceipt {
  election: { id: number; title: string }
  round: number
  channel: 'online' | 'paper'
  /** The street's date of the cast (no time is kept, so casting order cannot be read back). */
  cast_on: string
  /** Whether the round has been counted. */
  counted: boolean
}

export function listMyElections(): Promise<MyElection[]> {
  return requestItems<MyElection>('GET', '/api/v1/me/elections')
}

/** GET …/public-candidates: anyone; 404 until the vetting step (5) has opened. */
export function getPublicCandidates(id: number): Promise<PublicCandidates> {
  return request<PublicCandidates>('GET', `${base}/${id}/public-candidates`)
}

/** POST …/ballot-token: 403 when not on the roll, 409 when already voted in this round. */
export async function takeBallotToken(id: number): Promise<string> {
  return (await request<{ token: string }>('POST', `${base}/${id}/ballot-token`)).token
}

/**
 * POST …/ballots: consumes the token; 403 when it is used or unknown, 400 naming `choices` when they do not
 * fit the round. A retry with the same token, key and choices gets the same receipt and casts nothing more.
 */
export async function castElectionBallot(id: number, token: string, choices: number[], idempotencyKey: string): Promise<string> {
  const answer = await request<{ receipt_code: string }>('POST', `${base}/${id}/ballots`, {
    body: { token, choices },
    headers: { 'Idempotency-Key': idempotencyKey },
  })
  return answer.receipt_code
}

/** GET /api/v1/election-receipts/{code}: public; 404 for an unknown code. */
export function getElectionReceipt(code: string): Promise<ElectionReceipt> {
  return request<ElectionReceipt>('GET', `/api/v1/election-receipts/${encodeURIComponent(code)}`)
}
