// Display formats shared by the apps: times are stored in UTC and shown in Asia/Shanghai.
const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

/** "2025-11-27 18:13:05" for an ISO-8601 timestamp; the input unchanged when it is not one. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const parts = Object.fromEntries(dateTimeFormat.formatToParts(date).map((part) => [part.type, part.value]))
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`
}

/** Today in the street's time zone as YYYY-MM-DD, to compare with the server's street dates. */
export function streetToday(now: Date = new Date()): string {
  const parts = Object.fromEntries(dateTimeFormat.formatToParts(now).map((part) => [part.type, part.value]))
  return `${parts.year}-${parts.month}-${parts.day}`
}
