// What the access screens derive from the server's records: tag colours of gate statuses and credential states,
// the credentials', visitor passes' and events' tables' columns (and so their exports), and hours, shifts and
// weekdays as one line of text.
import type { TagProps } from 'element-plus'
import type { CredentialState, GateStatus, Hours, OpenWindow, Shift } from '@shared/api/access'
import type { TableColumn } from '../../components/ColumnsTable.vue'

type Translate = (key: string, values?: Record<string, unknown>) => string

export const gateStatusTagTypes: Record<GateStatus, TagProps['type']> = { open: 'success', closed: 'info', fault: 'danger' }
export const credentialStateTagTypes: Record<CredentialState, TagProps['type']> = { active: 'success', suspended: 'warning', revoked: 'info' }

export const weekdayNumbers: readonly number[] = [1, 2, 3, 4, 5, 6, 7]

export const credentialColumns = [
  { key: 'holder', labelKey: 'access.holder', width: 140 },
  { key: 'address', labelKey: 'access.address', width: 180 },
  { key: 'kind', labelKey: 'access.kind', width: 150 },
  { key: 'tiers', labelKey: 'access.coveredTiers', width: 150 },
  { key: 'validity', labelKey: 'access.validity', width: 200 },
  { key: 'state', labelKey: 'access.state', width: 200 },
  { key: 'actions', labelKey: 'common.actions' },
] as const satisfies readonly TableColumn[]

/** "每天" for all seven days, else "周一、三、五". */
export function weekdaysText(t: Translate, weekdays: number[]): string {
  if (weekdays.length === 7) return t('access.everyDay')
  return t('access.weekdayList', { days: weekdays.map((day) => t(`access.weekday.${day}`)).join('、') })
}

/** One window or shift as "每天 05:30–23:00", marked when it ends the next day. */
function spanText(t: Translate, span: { weekdays: number[]; from: string; to: string }): string {
  const to = span.to <= span.from ? `${span.to}${t('access.overnight')}` : span.to
  return t('access.windowText', { days: weekdaysText(t, span.weekdays), from: span.from, to })
}

export function hoursText(t: Translate, hours: Hours): string {
  if (hours.always) return t('access.always')
  return hours.windows.map((window: OpenWindow) => spanText(t, window)).join('；')
}

export function shiftText(t: Translate, shift: Shift): string {
  return t('access.shiftText', { name: shift.guard_name, span: spanText(t, shift) })
}

/** The visitor passes table's columns (and so its export). */
export const passColumns = [
  { key: 'visitor_name', labelKey: 'access.visitors.visitor', width: 110 },
  { key: 'visitor_phone', labelKey: 'access.visitors.phone', width: 130 },
  { key: 'part', labelKey: 'access.visitors.part', width: 110 },
  { key: 'uses', labelKey: 'access.visitors.usesColumn', width: 150 },
  { key: 'gate_tiers', labelKey: 'access.visitors.gateTiers', width: 130 },
  { key: 'created_at', labelKey: 'access.visitors.issuedAt', width: 170, shows: 'time' },
  { key: 'left', labelKey: 'access.visitors.left', width: 130 },
  { key: 'state', labelKey: 'access.visitors.stateColumn' },
] as const satisfies readonly TableColumn[]

/** The access events table's columns (and so its export). */
export const eventColumns = [
  { key: 'occurred_at', labelKey: 'access.eventTime', width: 170, shows: 'time' },
  { key: 'gate', labelKey: 'access.deviceGate', width: 120 },
  { key: 'holder', labelKey: 'access.holder', width: 140 },
  { key: 'employee_no', labelKey: 'access.employeeNo', width: 140 },
  { key: 'result', labelKey: 'access.eventResult' },
] as const satisfies readonly TableColumn[]
