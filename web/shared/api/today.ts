// The caller's work for today (GET /api/v1/me/today): what every module has for them, most urgent first.
import { requestItems } from './client'

export interface TodayItem {
  /** `<module>.<what>`, e.g. `cases.overdue`. */
  kind: string
  title: string
  node: { id: number; name: string } | null
  due_at: string | null
  overdue: boolean
  /** The console route of the record, or of its list filtered to the group. */
  link: string
  /** How many, for a group of alike records. */
  count: number | null
}

export function listToday(): Promise<TodayItem[]> {
  return requestItems<TodayItem>('GET', '/api/v1/me/today')
}
