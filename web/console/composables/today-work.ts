// The signed-in person's work for today (GET /api/v1/me/today), read once for the whole console: the
// start page lists it, the menu and the list tabs count it. The layout reads it again on each navigation.
import { listToday, type TodayItem } from '@shared/api/today'
import { useLoader } from '@shared/composables/loader'

export const todayWork = useLoader(listToday)

/** How much work an item stands for: a group its count, a record one. */
export function workOf(item: TodayItem): number {
  return item.count ?? 1
}

/** The work of the given kinds, only that under `nodeId` when given (a record's or a group's node). */
export function todayCount(kinds: readonly string[], nodeId?: number): number {
  return (todayWork.data.value ?? [])
    .filter((item) => kinds.includes(item.kind) && (nodeId === undefined || item.node?.id === nodeId))
    .reduce((sum, item) => sum + workOf(item), 0)
}
