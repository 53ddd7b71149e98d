// Where a notification leads a resident on the H5: notifications store the console route of their record (an H5
// one, under /m/, when only residents get them), and this one table turns it into the H5 page about the same
// thing, or into none when the H5 has no such page (the notification is then only marked read).
import type { AppNotification } from './api/notifications'

type RouteOf = (match: RegExpMatchArray) => string

// By the link's path (its query left out), first match wins.
const linkRoutes: ReadonlyArray<readonly [RegExp, RouteOf]> = [
  // Already an H5 route, such as a case's outcome told to its reporter (/m/cases/12).
  [/^\/m(\/.+)$/, ([, path]) => path!],
  // The H5 lists the resident's sign-ups, not one event: a promotion from the waiting line, an event called off.
  [/^\/engagement\/events\/\d+$/, () => '/events'],
  [/^\/engagement\/surveys\/(\d+)$/, ([, id]) => `/surveys/${id}`],
  [/^\/cases\/(\d+)$/, ([, id]) => `/cases/${id}`],
  [/^\/votes\/(\d+)$/, ([, id]) => `/votes/${id}`],
  [/^\/elections\/(\d+)$/, ([, id]) => `/elections/${id}`],
  [/^\/deliberation\/topics\/(\d+)$/, ([, id]) => `/topics/${id}`],
  // A committee member's monthly property evaluation: one month's sheet, or the sheets due.
  [/^\/property\/evaluations\/(\d+)\/(\d{4}-\d{2})$/, ([, contract, month]) => `/property/evaluations/${contract}/${month}`],
  [/^\/property\/evaluations$/, () => '/property/evaluations'],
  [/^\/privacy\/corrections$/, () => '/my-data'],
]

// By the record, for notifications without a link: the answer to a correction request is read on 我的信息.
const entityRoutes: Readonly<Record<string, (id: number) => string>> = {
  privacy_correction: () => '/my-data',
}

/** The H5 route (under /m/) of what the notification is about, or null when the H5 has no page for it. */
export function residentRouteOf(notification: Pick<AppNotification, 'link' | 'entity'>): string | null {
  const path = notification.link.split('?')[0] ?? ''
  for (const [pattern, routeOf] of linkRoutes) {
    const match = path.match(pattern)
    if (match) return routeOf(match)
  }
  const byEntity = notification.entity ? entityRoutes[notification.entity.type] : undefined
  return byEntity && notification.entity ? byEntity(notification.entity.id) : null
}
