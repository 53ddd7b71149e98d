// What the event screens derive from the server's records: tag colours of sign-up states, a sign-up's
// state in words, the street-day bounds a venue's clashes are looked up in, and moments as ISO text.
import type { TagProps } from 'element-plus'
import type { Signup, SignupStatus } from '@shared/api/engagement'
import { streetDayEnd, streetToday } from '@shared/format'

export const signupTagTypes: Record<SignupStatus, TagProps['type']> = {
  confirmed: 'success',
  waiting: 'warning',
  cancelled: 'info',
}

/** 已报名, 已签到 or 候补第 N 位. */
export function signupState(signup: Signup, t: (key: string, values?: Record<string, unknown>) => string): string {
  if (signup.status === 'waiting') return t('engagement.waitingN', { n: signup.position ?? 0 })
  if (signup.checked_in_at) return t('engagement.checkedIn')
  return t(`engagement.statuses.${signup.status}`)
}

/** The street day [start, end) a moment falls on, as ISO text: where a venue's other events are looked for. */
export function streetDayOf(moment: Date): { from: string; to: string } {
  const day = streetToday(moment)
  const to = streetDayEnd(day)
  return { from: new Date(Date.parse(to) - 86_400_000).toISOString(), to }
}

/** Whether the event is on the street's today, when staff may check its attendees in. */
export function isToday(startsAt: string, now = new Date()): boolean {
  return streetToday(new Date(startsAt)) === streetToday(now)
}
