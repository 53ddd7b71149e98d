// Display formats shared by the apps: times are stored in UTC and shown in Asia/Shanghai. A moment shows to
// the minute, a day as a day; a deadline as the time left is useTimeLeft (composables/time-left.ts).
const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

const streetDay = /^\d{4}-\d{2}-\d{2}$/

function streetParts(date: Date): Record<string, string> {
  return Object.fromEntries(dateTimeFormat.formatToParts(date).map((part) => [part.type, part.value]))
}

/** "2025-11-27 18:13" for an ISO-8601 timestamp; the input unchanged when it is not one. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const parts = streetParts(date)
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`
}

/** "2025-11-27", the street's day of an ISO-8601 timestamp or a street date as it is; anything else unchanged. */
export function formatDate(value: string): string {
  if (streetDay.test(value)) return value
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return value
  const parts = streetParts(date)
  return `${parts.year}-${parts.month}-${parts.day}`
}

/** Today in the street's time zone as YYYY-MM-DD, to compare with the server's street dates. */
export function streetToday(now: Date = new Date()): string {
  return formatDate(now.toISOString())
}

/** A street date plus whole days, as YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`)
  day.setUTCDate(day.getUTCDate() + days)
  return day.toISOString().slice(0, 10)
}

/** The moment a street date is over, midnight after it in Asia/Shanghai, as ISO-8601: a due day is met until then. */
export function streetDayEnd(date: string): string {
  return `${addDays(date, 1)}T00:00:00+08:00`
}

/** Whole days from one street date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/** "12,345.60" from integer fen, without floating point so no cent is ever lost. */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const whole = Math.floor(Math.abs(fen) / 100)
  const cents = String(Math.abs(fen) % 100).padStart(2, '0')
  return `${sign}${whole.toLocaleString('en-US')}.${cents}`
}

/** "¥1,234.56" from integer fen: money as every property screen shows it. */
export function formatFen(fen: number): string {
  return fen < 0 ? `-¥${yuanText(-fen)}` : `¥${yuanText(fen)}`
}

/** What a yuan field takes: whole yuan up to nine digits, with at most two decimals. */
export const yuanPattern = /^\d{1,9}(\.\d{1,2})?$/

/** "1234.5" yuan (as yuanPattern takes it) as 123450 fen, by its digits, never through a float. */
export function fenOfYuan(yuan: string): number {
  const [whole = '0', cents = ''] = yuan.trim().split('.')
  return Number(whole) * 100 + Number(cents.padEnd(2, '0'))
}

/** 123450 fen as "1234.50" for a yuan field, by integer division. */
export function yuanOfFen(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`
}

/** A home as the office names it: "3号楼 2单元 301". */
export function partLabel(part: { building_name: string; unit_name: string; room_number: string }): string {
  return `${part.building_name} ${part.unit_name} ${part.room_number}`
}

/** An area in 0.01 m² as "68,751.81". */
export function formatArea(centiSquareMetres: number): string {
  return (centiSquareMetres / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}

/** Time from `now` to the deadline `dueAt` (ISO-8601): whole days when a day or more away, else whole hours (at least 1); negative once past. */
export function timeUntil(dueAt: string, now: number = Date.now()): { days: number; hours: number } {
  const hours = (Date.parse(dueAt) - now) / 3_600_000
  const whole = hours >= 0 ? Math.max(1, Math.floor(hours)) : -Math.max(1, Math.floor(-hours))
  return { days: Math.trunc(whole / 24), hours: whole }
}
