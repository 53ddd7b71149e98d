// Owners' votes (Civil Code Art. 278): preparing and running a vote, its frozen roll and turnout,
// ballots online, on paper and at meetings, the published result and the public receipt check.
import { request } from './client'
import type { Ref } from './governance'

export type VoteState = 'draft' | 'open' | 'closed' | 'published'
export type Threshold = 'half' | 'three_quarters'
export type Channel = 'online' | 'paper' | 'meeting'
export type ScopeKind = 'compound' | 'buildings' | 'units' | 'parts'
export type Choice = 'agree' | 'oppose' | 'abstain' | 'follow' | 'invalid'
export type FollowMajority = 'both_dimensions' | 'abstain'
export type Extension = 'once_if_quorum_not_met' | 'none'
export type Outcome = 'passed' | 'failed_quorum' | 'failed_approval'
/** The street's policy on which votes ask an online voter to prove who they are (docs/rules.md#c-identity-check). */
export type IdentityCheckPolicy = 'all' | 'major_matters' | 'off'
export type ProxySource = 'paper' | 'h5'

/** The street's choices, from the strictest: every vote, only matters 6–8 of Art. 278, none. */
export const identityCheckPolicies: readonly IdentityCheckPolicy[] = ['all', 'major_matters', 'off']
export const channels: readonly Channel[] = ['online', 'paper', 'meeting']
export const scopeKinds: readonly ScopeKind[] = ['compound', 'buildings', 'units', 'parts']
/** What a voter may choose online; clerks may also mark an item invalid (mis-marked on the form). */
export const votingChoices: readonly Choice[] = ['agree', 'oppose', 'abstain', 'follow']
/** The characters an owner's statement naming a proxy on the H5 takes, as the server checks it. */
export const proxyStatementLength = { min: 10, max: 300 } as const
export const clerkChoices: readonly Choice[] = [...votingChoices, 'invalid']

/** An exact ratio; areas are in 0.01 m². */
export interface Fraction {
  num: number
  den: number
}

/**
 * A bound of Art. 278 as the server states it: num/den, reached at it ("at least") or only beyond it ("more than"),
 * of every owner in scope (quorum) or of those taking part (approval). Area and owners must each reach it.
 */
export interface Bound extends Fraction {
  reached: 'at_the_bound' | 'beyond_the_bound'
  of: 'in_scope' | 'participating'
}

export interface Bounds {
  quorum: Bound
  approval: Bound
}

/** A matter of Art. 278 para. 1 with the threshold and bounds it fixes. */
export interface Matter {
  matter: number
  threshold: Threshold
  bounds: Bounds
}

/** A ratio as the server judged it against its bound. */
export interface CheckedRatio extends Fraction {
  met: boolean
}

/** A counted item's four ratios, each with its bound and whether it meets it. */
export interface ItemRatios {
  quorum: { bound: Bound; area: CheckedRatio; count: CheckedRatio }
  approval: { bound: Bound; area: CheckedRatio; count: CheckedRatio }
}

export interface Policies {
  follow_majority: FollowMajority
  extension: Extension
}

export interface Vote {
  id: number
  compound: Ref
  title: string
  matter: number
  threshold: Threshold
  bounds: Bounds
  scope: { kind: ScopeKind; node_ids: number[] }
  items: string[]
  opens_at: string
  closes_at: string
  channels: Channel[]
  policies: Policies
  extended: boolean
  state: VoteState
  organiser_user_id: number
  roll_fingerprint: string | null
  created_at: string
  opened_at: string | null
  closed_at: string | null
  published_at: string | null
  /** What fixed the matter and scope (e.g. an elevator retrofit's consent vote); null when the organiser chose them. */
  terms_fixed_by: string | null
  /** The proposal's documents and photo ids, set while the vote is a draft. */
  documents: VoteDocument[]
  photos: string[]
  /** Whether an online ballot waits for the identity check: the policy frozen at opening (a draft: the street's now). */
  identity_check: { required: boolean; policy: IdentityCheckPolicy; frozen: boolean }
}

export interface NewVote {
  compound_id: number
  title: string
  matter: number
  items: string[]
  opens_at: string
  closes_at: string
  channels: Channel[]
  scope: { kind: ScopeKind; node_ids: number[] }
  policies: Policies
  documents: VoteDocument[]
  photos: string[]
}

/**
 * An owner's authorisation of someone else to vote for them: a paper letter the organiser recorded (its reference),
 * or named by the owner on the H5 (their statement).
 */
export interface VoteProxy {
  voter: Ref
  proxy: Ref
  source: ProxySource
  letter_reference: string | null
  statement: string | null
  created_at: string
}

export interface NewVoteProxy {
  voter_id: number
  proxy_person_id: number
  letter_reference: string
}

export interface RollEntry {
  part: Ref
  building: string
  unit: string
  owner: Ref | null
  owner_kind: 'person' | 'developer'
  area_centi_m2: number
  use: string
  voted: boolean
}

/** The roll's lines kept: by ballot (a part with no voter yet is in neither) and by address text. */
export interface RollFilter {
  voted?: 'yes' | 'no'
  address?: string
}

export interface Roll {
  fingerprint: string
  total_area_centi_m2: number
  owner_count: number
  voters: number
  items: RollEntry[]
}

export interface Turnout {
  state: VoteState
  area: Fraction
  count: Fraction
  quorum_met: boolean
  /** The quorum both ratios are held to. */
  quorum_bound: Bound
  ballots: number
  held_paper_forms: number
}

export interface Ballot {
  voter_id: number
  channel: Channel
  choices: Choice[]
  receipt_code: string
  proxy_person_id: number | null
  recorded_at: string
}

export type PaperEntryStatus = 'awaiting_second_entry' | 'counted' | 'held'

export interface HeldForm {
  voter: Ref
  entries: { clerk: { id: number; login: string }; choices: Choice[]; entered_at: string }[]
}

/** Owners and their exclusive area (0.01 m²) on one side of an item. */
export interface Share {
  count: number
  area: number
}

export const breakdownSides = ['agree', 'oppose', 'abstain', 'invalid', 'not_voted', 'total'] as const
export type BreakdownSide = (typeof breakdownSides)[number]

/**
 * Where the owners in scope stood on an item: agree (with the follow-majority choices when the rule sends them
 * there), oppose, abstain (with the follow-majority choices otherwise), invalid, not voted, and the whole scope.
 */
export type Breakdown = Record<BreakdownSide, Share>

export interface ItemResult {
  item: number
  threshold: Threshold
  quorum: { area: Fraction; count: Fraction; met: boolean }
  approval: { area: Fraction; count: Fraction }
  outcome: Outcome
  /** Absent from a result published before results carried it. */
  breakdown?: Breakdown
}

export interface Publication {
  vote: Omit<Vote, 'organiser_user_id' | 'roll_fingerprint'>
  roll: { total_area_centi_m2: number; owner_count: number }
  /** result.json as fingerprinted. */
  result: { items: ItemResult[] }
  /** Its items' ratios judged against their bounds, kept apart from the fingerprinted file. */
  ratios: (ItemRatios & { item: number })[]
  fingerprints: { roll: string; ballots: string; result: string }
  ballots: { voter: string; channel: Channel; choices: Choice[] }[]
}

export interface Receipt {
  vote: { id: number; title: string; state: VoteState }
  channel: Channel
  choices: Choice[]
  recorded_at: string
  counted_in_published_result: boolean
}

/** A document of a vote's proposal: its name and where to read it (e.g. a plan's file number). */
export interface VoteDocument {
  name: string
  reference: string
}

/**
 * A vote as /me/votes lists it: with the owners the user may cast for, where each has voted and, for a ballot that
 * is the user's own (recorded for them or cast by them as proxy), its receipt code.
 */
export type MyVote = Vote & {
  my_voters: {
    voter_id: number
    self: boolean
    voted_channel: Channel | null
    receipt_code: string | null
    /** On the user's own entry: whom they asked to cast for them (masked name). */
    proxy: { name: string; source: ProxySource } | null
  }[]
  /** The user's own identity check in this vote; `other_channels` says where to vote once locked out. */
  my_identity_check: { name: string; passed: boolean; locked: boolean; tries_left: number; other_channels: string }
}

interface Items<Item> {
  items: Item[]
}

const base = '/api/v1/votes'

/** The nine matters of Art. 278 para. 1 and how many items a vote may hold. */
export interface VoteMatters {
  items: Matter[]
  max_items: number
}

/** GET /api/v1/vote-matters: the nine matters with their thresholds and bounds, and the items a vote may hold. */
export function listMatters(): Promise<VoteMatters> {
  return request<VoteMatters>('GET', '/api/v1/vote-matters')
}

export async function listVotes(node?: number): Promise<Vote[]> {
  return (await request<Items<Vote>>('GET', base, { query: { node } })).items
}

export function getVote(id: number): Promise<Vote> {
  return request<Vote>('GET', `${base}/${id}`)
}

/** POST /api/v1/votes: 201 draft; 400 names the field at fault (title, items[1], closes_at, scope.node_ids…). */
export function createVote(vote: NewVote): Promise<Vote> {
  return request<Vote>('POST', base, { body: vote })
}

/**
 * PATCH …/{id}: the fields sent replace the draft's and the whole is checked as on creation. 409 `state`
 * once opened, 409 `matter` / `scope` when `terms_fixed_by` is set, 400 naming the field otherwise.
 */
export function updateVote(id: number, changes: Partial<NewVote>): Promise<Vote> {
  return request<Vote>('PATCH', `${base}/${id}`, { body: changes })
}

/** open | close | publish: 409 when the state or the time does not allow it. */
export function changeVoteState(id: number, action: 'open' | 'close' | 'publish'): Promise<Vote> {
  return request<Vote>('POST', `${base}/${id}/${action}`)
}

export function extendVote(id: number, closesAt: string): Promise<Vote> {
  return request<Vote>('POST', `${base}/${id}/extend`, { body: { closes_at: closesAt } })
}

/** The totals are of the whole roll whatever the filter. */
export function getRoll(id: number, filter: RollFilter = {}): Promise<Roll> {
  return request<Roll>('GET', `${base}/${id}/roll`, { query: { ...filter } })
}

/** POST …/reminders: tells the owners who have not voted and hold an account; 409 unless the vote is open. */
export function remindNonVoters(id: number, message?: string): Promise<{ message: string; count: number }> {
  return request('POST', `${base}/${id}/reminders`, { body: message ? { message } : {} })
}

export function getTurnout(id: number): Promise<Turnout> {
  return request<Turnout>('GET', `${base}/${id}/turnout`)
}

export async function listProxies(id: number): Promise<VoteProxy[]> {
  return (await request<Items<VoteProxy>>('GET', `${base}/${id}/proxies`)).items
}

/** POST …/proxies: only while open (409); 422 `voter_id` off the roll, 409 `voter_id` already has a proxy. */
export function recordProxy(id: number, proxy: NewVoteProxy): Promise<NewVoteProxy> {
  return request<NewVoteProxy>('POST', `${base}/${id}/proxies`, { body: proxy })
}

/** POST …/ballots: the signed-in owner or proxy votes; a retry with the same key records nothing more. */
export function castOnline(id: number, voterId: number, choices: Choice[], idempotencyKey: string): Promise<Ballot> {
  return request<Ballot>('POST', `${base}/${id}/ballots`, {
    body: { voter_id: voterId, choices },
    headers: { 'Idempotency-Key': idempotencyKey },
  })
}

/**
 * POST …/identity-check: the caller proves who they are by the last four characters of their ID number; 422
 * `identity_mismatch` carries `tries_left`, 403 `identity_locked` after five wrong answers.
 */
export function checkIdentity(id: number, idLast4: string): Promise<{ passed: boolean; required: boolean }> {
  return request('POST', `${base}/${id}/identity-check`, { body: { id_last4: idLast4 } })
}

/** POST …/my-proxy: an owner names a proxy by phone with their own statement (422 `proxy_phone` when unknown). */
export function nameProxy(
  id: number,
  proxy: { voter_id: number; proxy_phone: string; statement: string },
): Promise<{ voter_id: number; proxy: Ref; source: ProxySource; statement: string }> {
  return request('POST', `${base}/${id}/my-proxy`, { body: proxy })
}

/** DELETE …/my-proxy/{voter_id}: the owner withdraws the proxy they named, before a ballot is cast for them. */
export function withdrawProxy(id: number, voterId: number): Promise<void> {
  return request<void>('DELETE', `${base}/${id}/my-proxy/${voterId}`)
}

/** POST …/meeting-ballots: an officer records an owner's vote at the meeting; 409 when the owner already voted. */
export function castMeetingBallot(id: number, voterId: number, choices: Choice[]): Promise<Ballot> {
  return request<Ballot>('POST', `${base}/${id}/meeting-ballots`, { body: { voter_id: voterId, choices } })
}

/** POST …/paper-entries: one clerk's typing of a paper form, identified by its voter. */
export function enterPaperForm(
  id: number,
  voterId: number,
  choices: Choice[],
): Promise<{ status: PaperEntryStatus; ballot?: Ballot }> {
  return request('POST', `${base}/${id}/paper-entries`, { body: { voter_id: voterId, choices } })
}

export async function listHeldForms(id: number): Promise<HeldForm[]> {
  return (await request<Items<HeldForm>>('GET', `${base}/${id}/paper-held`)).items
}

export function settleHeldForm(id: number, voterId: number, choices: Choice[]): Promise<Ballot> {
  return request<Ballot>('POST', `${base}/${id}/paper-held/${voterId}/settle`, { body: { choices } })
}

/** GET …/publication: public; 404 until the vote is published. */
/** The export files of a published vote, downloaded from `${base}/${id}/files/<name>` (voting.read). */
export const voteFileNames = ['roll.csv', 'ballots.csv', 'result.json'] as const

export function getPublication(id: number): Promise<Publication> {
  return request<Publication>('GET', `${base}/${id}/publication`)
}

/** GET /api/v1/vote-receipts/{code}: public; 404 for an unknown code. */
export function getReceipt(code: string): Promise<Receipt> {
  return request<Receipt>('GET', `/api/v1/vote-receipts/${encodeURIComponent(code)}`)
}

/** Where a browser fetches one of a vote's photos (the session cookie decides whether it may). */
export function votePhotoUrl(voteId: number, photoId: string): string {
  return `${base}/${voteId}/photos/${photoId}`
}

export async function listMyVotes(): Promise<MyVote[]> {
  return (await request<Items<MyVote>>('GET', '/api/v1/me/votes')).items
}

/** A street's voting policy: which votes will ask an online voter to prove who they are once opened. */
export interface VotingPolicy {
  online_ballot_id_check: IdentityCheckPolicy
}

/** GET /api/v1/voting-policies/{street_id} (voting.read over the street). */
export function getVotingPolicy(streetId: number): Promise<VotingPolicy> {
  return request<VotingPolicy>('GET', `/api/v1/voting-policies/${streetId}`)
}

/** PUT …/{street_id} (voting.policy, the street admin): only votes opened from then on follow it; 400 names the field. */
export function saveVotingPolicy(streetId: number, policy: VotingPolicy): Promise<VotingPolicy> {
  return request<VotingPolicy>('PUT', `/api/v1/voting-policies/${streetId}`, { body: policy })
}
