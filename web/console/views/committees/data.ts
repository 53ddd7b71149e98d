// What the committee screens derive from a committee: where its term stands today.
import type { Committee } from '@shared/api/committees'
import { streetToday } from '@shared/format'

/** `replaced`: a later term took over (read-only record); `expired`: its end date is past with no new term yet. */
export type TermState = 'current' | 'expired' | 'replaced'

export function termState(committee: Committee, today = streetToday()): TermState {
  if (committee.ended_on) return 'replaced'
  return committee.term_ends_on < today ? 'expired' : 'current'
}

export const termTagTypes: Record<TermState, 'success' | 'warning' | 'info'> = {
  current: 'success',
  expired: 'warning',
  replaced: 'info',
}
