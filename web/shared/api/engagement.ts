// Events residents sign up for (活动预约) and the venues they are held at: staff publish, edit and list
// events of their scope, sign people up, cancel and check them in; residents see the events they may
// join with their own sign-up and its check-in code.
import { request, requestItems } from './client'
import type { Ref } from './governance'

export type EventKind = 'secretary_contest' | 'roundtable' | 'renewal_opinion' | 'party_activity' | 'other'
export type EventAudience = 'residents' | 'party_members'
export type SignupStatus = 'confirmed' | 'waiting' | 'cancelled'

export const eventKinds: readonly EventKind[] = ['secretary_contest', 'roundtable', 'renewal_opinion', 'party_activity', 'other']
export const eventAudiences: readonly EventAudience[] = ['residents', 'party_members']

export interface Signup {
  id: number
  event_id: number
  person_id: number
  /** Masked. */
  name: string
  status: SignupStatus
  /** The place in the waiting line from 1; null when confirmed or cancelled. */
  position: number | null
  created_at: string
  promoted_at: string | null
  cancelled_at: string | null
  checked_in_at: string | null
}

/** A sign-up as its own person sees it, with the code their check-in QR carries. */
export interface OwnSignup extends Signup {
  code: string
}

/** A sign-up in the staff's list, with where the person lives. */
export interface ListedSignup extends Signup {
  address: string
}

export interface EngagementEvent {
  id: number
  title: string
  kind: EventKind
  kind_name: string
  node: Ref
  venue: Ref | null
  starts_at: string
  ends_at: string
  capacity: number
  audience: EventAudience
  signup_opens_at: string
  signup_closes_at: string
  confirmed: number
  waiting: number
  checked_in: number
  places_left: number
  /** Called off with a reason: sign-ups closed, everyone told, the venue free again. */
  state: 'scheduled' | 'cancelled'
  cancelled_at: string | null
  cancel_reason: string | null
  created_at: string
  updated_at: string
  /** The caller's own live sign-up, if any. */
  my_signup?: OwnSignup | null
}

export interface NewEvent {
  title: string
  kind: EventKind
  node_id: number
  venue_id?: number | null
  starts_at: string
  ends_at: string
  capacity: number
  audience?: EventAudience
  signup_opens_at?: string
  signup_closes_at?: string
}

export interface Venue {
  id: number
  node: Ref
  name: string
  address: string
  /** The partner unit that lends it (共建单位). */
  partner_unit: Ref | null
  /** HH:MM, street time. */
  opens_at: string
  closes_at: string
  created_at: string
}

export interface NewVenue {
  node_id: number
  name: string
  address?: string
  partner_unit_id?: number
  opens_at: string
  closes_at: string
}

/** A resident's sign-up with the event it is for, as 我的报名 lists it. */
export interface MySignup extends OwnSignup {
  event: { id: number; title: string; starts_at: string; ends_at: string; venue: string | null }
}

const events = '/api/v1/events'

/** Events under a node (default: the user's street) overlapping [from, to), the soonest first. */
export function listEvents(query: { node?: number; from?: string; to?: string }): Promise<EngagementEvent[]> {
  return requestItems<EngagementEvent>('GET', events, { query })
}

export function getEvent(id: number): Promise<EngagementEvent> {
  return request<EngagementEvent>('GET', `${events}/${id}`)
}

/** 409 naming venue_id when the venue is taken then, 422 when it is closed then. */
export function createEvent(event: NewEvent): Promise<EngagementEvent> {
  return request<EngagementEvent>('POST', events, { body: event })
}

/** Raising the capacity moves the waiting up; lowering it below those confirmed is refused (409). */
export function updateEvent(id: number, change: Partial<Omit<NewEvent, 'node_id'>>): Promise<EngagementEvent> {
  return request<EngagementEvent>('PATCH', `${events}/${id}`, { body: change })
}

/** Calls the event off: every confirmed and waiting person is told, sign-ups close, the venue is freed. */
export function cancelEvent(id: number, reason: string): Promise<EngagementEvent & { told: number }> {
  return request<EngagementEvent & { told: number }>('POST', `${events}/${id}/cancel`, { body: { reason } })
}

/** The confirmed, then the waiting in line, each with the person's masked name and address. */
export async function listSignups(id: number): Promise<ListedSignup[]> {
  return (await request<{ items: ListedSignup[] }>('GET', `${events}/${id}/signups`)).items
}

/** Without a person, the caller signs themselves up. 409 for a second sign-up or outside the window. */
export function signUp(id: number, personId?: number): Promise<OwnSignup> {
  return request<OwnSignup>('POST', `${events}/${id}/signups`, { body: personId === undefined ? {} : { person_id: personId } })
}

/** Cancelling a confirmed place moves the first in line up (`promoted`). */
export function cancelSignup(id: number, signupId: number): Promise<Signup & { promoted: number[] }> {
  return request<Signup & { promoted: number[] }>('DELETE', `${events}/${id}/signups/${signupId}`)
}

/** On the event's day only; by the sign-up found in the list or the code the attendee shows. */
export function checkIn(id: number, by: { signup_id: number } | { code: string }): Promise<Signup> {
  return request<Signup>('POST', `${events}/${id}/check-ins`, { body: by })
}

/** The events the resident may join (not over yet) with their sign-up, and all their live sign-ups. */
export function myEvents(): Promise<{ person_id: number | null; items: EngagementEvent[]; signups: MySignup[] }> {
  return request('GET', '/api/v1/me/events')
}

/** Venues of the node's subtree and of the nodes above it. */
export function listVenues(node?: number): Promise<Venue[]> {
  return requestItems<Venue>('GET', '/api/v1/venues', { query: { node } })
}

export function createVenue(venue: NewVenue): Promise<Venue> {
  return request<Venue>('POST', '/api/v1/venues', { body: venue })
}
