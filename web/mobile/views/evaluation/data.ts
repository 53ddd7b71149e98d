// The committee's monthly evaluation on the H5: which month a list opens on and how far it may step, the due day
// in plain words, and the check of the points typed for an item before the sheet goes to the server.
import { hundredthsOf, type Due } from '@shared/api/property-evaluation'
import { streetToday } from '@shared/format'

/** "2026-11" moved by whole months. */
export function shiftMonth(month: string, months: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + months
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** The month the street's clock is in: the newest one a sheet can be filled for. */
export function currentMonth(today = streetToday()): string {
  return today.slice(0, 7)
}

/** The month the list opens on without one asked for: the last complete one, whose sheets are due first. */
export function defaultMonth(today = streetToday()): string {
  return shiftMonth(currentMonth(today), -1)
}

/** The due day as the message to show with its days: still to come, today, or past. */
export function dueWords(due: Due): { key: string; days: number } {
  if (due.days_left < 0) return { key: 'property.mobileEvaluation.overdue', days: -due.days_left }
  if (due.days_left === 0) return { key: 'property.mobileEvaluation.dueToday', days: 0 }
  return { key: 'property.mobileEvaluation.dueIn', days: due.days_left }
}

/** Why the points typed for an item of maximum `max` cannot be sent (the message key), or null when they can. */
export function pointsProblem(points: string, max: string): string | null {
  if (!points.trim()) return 'property.mobileEvaluation.pointsRequired'
  const given = hundredthsOf(points)
  if (given === null) return 'property.mobileEvaluation.pointsShape'
  if (given > (hundredthsOf(max) ?? 0)) return 'property.mobileEvaluation.pointsTooHigh'
  return null
}
