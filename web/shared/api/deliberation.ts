// The six-step deliberation (六步议事法) of a compound's topics: proposal, open comments, round-table
// meetings, plan versions, the residents' vote, the resolution and its actions until done.
import { request, requestItems } from './client'
import type { Ref } from './governance'
import type { Channel, ItemRatios, ItemResult, Outcome, ScopeKind, VoteState } from './voting'

export type Step = 'proposed' | 'commenting' | 'consulting' | 'drafting' | 'voting' | 'resolved' | 'done'
export type Category = 'environment' | 'facilities' | 'parking' | 'elevator' | 'covenant' | 'property' | 'safety' | 'other'
export type AuthorKind = 'resident' | 'committee_member' | 'commissioner' | 'staff'

/** The steps in their fixed order; no step may be skipped. */
export const steps: readonly Step[] = ['proposed', 'commenting', 'consulting', 'drafting', 'voting', 'resolved', 'done']
export const categories: readonly Category[] = ['environment', 'facilities', 'parking', 'elevator', 'covenant', 'property', 'safety', 'other']

export interface TopicScope {
  kind: ScopeKind
  node_ids: number[]
}

export interface Topic {
  id: number
  compound: Ref
  scope: TopicScope
  category: Category
  title: string
  description: string
  step: Step
  /** The step's Chinese name as the server words it in its messages. */
  step_label: string
  proposer: { kind: AuthorKind; name: string }
  created_at: string
  updated_at: string
}

/** A topic as the staff list gives it. */
export type TopicRow = Topic & { comments_count: number; overdue_actions: number }

/** A topic as a resident's list gives it: counting only the comments they can read. */
export type MyTopic = Topic & { comments_count: number; may_comment: boolean }

export interface Comment {
  id: number
  /** Residents by their masked name, staff by their account's display name. */
  author: { kind: AuthorKind; name: string }
  hidden: boolean
  /** Null once hidden: readers see the reason instead. */
  text: string | null
  hidden_reason: string | null
  hidden_at: string | null
  created_at: string
}

export interface Position {
  party: string
  position: string
}

export interface MeetingInput {
  /** Street date YYYY-MM-DD. */
  held_on: string
  place: string
  attendees: string[]
  /** At least the names listed. */
  attendee_count: number
  minutes: string
  positions: Position[]
  /** Round-table members from the talent pool: at most 30 people of the topic's compound (422 `members[i]`). */
  members?: number[]
}

/** A round-table member, by masked name. */
export interface Member {
  person_id: number
  name: string
}

export type Meeting = Omit<MeetingInput, 'members'> & { id: number; members: Member[]; created_at: string }

export interface Attachment {
  name: string
  reference: string
}

export interface Plan {
  id: number
  /** 1, 2, … per topic. */
  number: number
  title: string
  body: string
  /** Exact: the cost is stored as integer fen. */
  cost_fen: number
  cost_yuan: string
  attachments: Attachment[]
  created_at: string
}

export interface PlanInput {
  title: string
  body: string
  /** "12345.67": at most two decimals, read exactly by the server. */
  cost_yuan: string
  attachments: Attachment[]
}

/** A vote the topic went to; `result` is its one item's result once counted, `ratios` its ratios judged against their bounds. */
export interface TopicVote {
  id: number
  plan_id: number
  title: string
  matter: number
  state: VoteState
  opens_at: string
  closes_at: string
  outcome: Outcome | null
  result: ItemResult | null
  ratios: ItemRatios | null
}

export interface Resolution {
  vote_id: number
  summary: string
  outcome: Outcome
  result: ItemResult
  ratios: ItemRatios
  published_at: string
}

export interface Action {
  id: number
  title: string
  /** A name given, or a person of the registry shown masked. */
  owner: { name: string; person_id: number | null }
  due_on: string
  done: boolean
  done_on: string | null
  note: string | null
  /** Not done and due before today in the street's time zone. */
  overdue: boolean
  created_at: string
}

export interface TopicDetail extends Topic {
  comments: { count: number; shown: number; hidden: number }
  meetings: Meeting[]
  plans: Plan[]
  /** The latest of `votes`. */
  vote: TopicVote | null
  votes: TopicVote[]
  resolution: Resolution | null
  actions: Action[]
  overdue_actions: number
}

export interface NewTopic {
  compound_id: number
  scope?: TopicScope
  category: Category
  title: string
  description: string
}

export interface VoteRequest {
  plan_id: number
  matter: number
  opens_at: string
  closes_at: string
  channels: Channel[]
}

export interface ActionInput {
  title: string
  owner_name: string
  due_on: string
}

/** How far a resolution's actions have got, for both apps' progress bars. */
export function actionsProgress(actions: readonly Action[]): { done: number; total: number; percent: number } {
  const done = actions.filter((action) => action.done).length
  const total = actions.length
  return { done, total, percent: total === 0 ? 0 : Math.floor((done * 100) / total) }
}

const topics = '/api/v1/topics'

/** Newest first; 400 `step` for an unknown step. */
export function listTopics(compoundId: number, step?: Step): Promise<{ compound: Ref; items: TopicRow[] }> {
  return request('GET', topics, { query: { compound: compoundId, step } })
}

/** 201; 400 names the field at fault (title, description, scope.node_ids[0] …). */
export function proposeTopic(topic: NewTopic): Promise<TopicDetail> {
  return request<TopicDetail>('POST', topics, { body: topic })
}

export function getTopic(id: number): Promise<TopicDetail> {
  return request<TopicDetail>('GET', `${topics}/${id}`)
}

/** Only the next of commenting, consulting, drafting; 409 naming both steps otherwise. */
export function advanceTopic(id: number, to: Step): Promise<TopicDetail> {
  return request<TopicDetail>('POST', `${topics}/${id}/advance`, { body: { to } })
}

export function listComments(id: number): Promise<{ topic_id: number; step: Step; items: Comment[] }> {
  return request('GET', `${topics}/${id}/comments`)
}

/** 201; only while the topic is commenting (409 otherwise). */
export function addComment(id: number, text: string): Promise<Comment> {
  return request<Comment>('POST', `${topics}/${id}/comments`, { body: { text } })
}

/** 409 when already hidden. */
export function hideComment(commentId: number, reason: string): Promise<Comment> {
  return request<Comment>('POST', `/api/v1/topic-comments/${commentId}/hide`, { body: { reason } })
}

/** Only while consulting. */
export function addMeeting(id: number, meeting: MeetingInput): Promise<TopicDetail> {
  return request<TopicDetail>('POST', `${topics}/${id}/meetings`, { body: meeting })
}

/** Only while drafting; 400 `cost_yuan` for anything but an exact amount of at most two decimals. */
export function addPlan(id: number, plan: PlanInput): Promise<TopicDetail> {
  return request<TopicDetail>('POST', `${topics}/${id}/plans`, { body: plan })
}

/** Creates the draft vote on a plan; the topic moves to voting. 409 without a meeting and a plan. */
export function sendToVote(id: number, vote: VoteRequest): Promise<TopicDetail> {
  return request<TopicDetail>('POST', `${topics}/${id}/vote`, { body: vote })
}

/** Only after the latest vote was counted and did not pass. */
export function returnToDrafting(id: number): Promise<TopicDetail> {
  return request<TopicDetail>('POST', `${topics}/${id}/return-to-drafting`, { body: {} })
}

/** Only after the latest vote was counted and passed. */
export function publishResolution(id: number, summary: string): Promise<TopicDetail> {
  return request<TopicDetail>('POST', `${topics}/${id}/resolution`, { body: { summary } })
}

/** Only while resolved. */
export function addAction(id: number, action: ActionInput): Promise<TopicDetail> {
  return request<TopicDetail>('POST', `${topics}/${id}/actions`, { body: action })
}

/** The topic becomes done with its last action. */
export function markActionDone(actionId: number, done: { done_on: string; note: string }): Promise<TopicDetail> {
  return request<TopicDetail>('POST', `/api/v1/topic-actions/${actionId}/done`, { body: done })
}

/** Topics of the compounds the user's person owns, rents or lives in. */
export function listMyTopics(): Promise<MyTopic[]> {
  return requestItems<MyTopic>('GET', '/api/v1/me/topics')
}
