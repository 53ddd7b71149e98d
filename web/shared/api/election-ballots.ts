// A resident's secret ballot in a committee election: their elections, the candidates, the one-time
// token, casting and the public receipt check.
import { request } from './client'
import type { Ref } from './governance'
import type { Origin } from './committees'

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

interface Items<Item> {
  items: Item[]
}

const base = '/api/v1/elections'

export async function listMyElections(): Promise<MyElection[]> {
  return (await request<Items<MyElection>>('GET', '/api/v1/me/elections')).items
}

/** GET …/public-candidates: anyone; 404 until the vetting step (5) has opened. */
export function getPublicCandidates(id: number): Promise<PublicCandidates> {
  return request<PublicCandidates>('GET', `${base}/${id}/public-candidates`)
}

/** POST …/ballot-token: 403 when not on the roll, 409 when already voted in this round. */
export async function takeBallotToken(id: number): Promise<string> {
  return (await request<{ token: string }>('POST', `${base}/${id}/ballot-token`)).token
}

/** POST …/ballots: consumes the token; 403 when it is used or unknown, 400 naming `choices` when they do not fit the round. */
export async function castElectionBallot(id: number, token: string, choices: number[]): Promise<string> {
  return (await request<{ receipt_code: string }>('POST', `${base}/${id}/ballots`, { body: { token, choices } })).receipt_code
}

/** GET /api/v1/election-receipts/{code}: public; 404 for an unknown code. */
export function getElectionReceipt(code: string): Promise<ElectionReceipt> {
  return request<ElectionReceipt>('GET', `/api/v1/election-receipts/${encodeURIComponent(code)}`)
}
