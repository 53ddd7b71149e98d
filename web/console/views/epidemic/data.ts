// What the epidemic screens derive from the server's records: the tag colours of an observation's states, the
// observations table's columns (and so its export), the time an observation still runs, the history of its last day,
// and its care's households
// board and help requests (their columns, and the colours of a household's state).
import type { TagProps } from 'element-plus'
import type { HouseholdState, Observation, ObservationState } from '@shared/api/epidemic'
import { streetDayEnd } from '@shared/format'
import type { TableColumn } from '../../components/ColumnsTable.vue'

export const observationStateTagTypes: Record<ObservationState, TagProps['type']> = { planned: 'info', active: 'danger', ended: 'success' }

export const observationColumns = [
  { key: 'node', labelKey: 'epidemic.node', width: 160 },
  { key: 'period', labelKey: 'epidemic.period', width: 200 },
  { key: 'state', labelKey: 'epidemic.state', width: 180 },
  { key: 'households', labelKey: 'epidemic.households', width: 90 },
  { key: 'persons', labelKey: 'epidemic.persons', width: 90 },
  { key: 'credentials_suspended', labelKey: 'epidemic.credentialsSuspended', width: 120 },
  { key: 'reason', labelKey: 'epidemic.reason' },
] as const satisfies readonly TableColumn[]

/** The moment a running observation ends: the end of its last day in the street's time; none once ended. */
export function observationDeadline(observation: Observation): string | null {
  return observation.state === 'ended' ? null : streetDayEnd(observation.ends_on)
}

export const changeColumns = [
  { key: 'from_ends_on', labelKey: 'epidemic.change.from', width: 130 },
  { key: 'ends_on', labelKey: 'epidemic.change.to', width: 130 },
  { key: 'reason', labelKey: 'epidemic.change.reason' },
  { key: 'changed_by', labelKey: 'epidemic.change.by', width: 140 },
  { key: 'changed_at', labelKey: 'epidemic.change.at', width: 170, shows: 'time' },
] as const satisfies readonly TableColumn[]

export const householdStateTagTypes: Record<HouseholdState, TagProps['type']> = { checked_in: 'success', missing: 'warning', abnormal: 'danger' }

export const boardColumns = [
  { key: 'address', labelKey: 'epidemic.care.address', width: 160 },
  { key: 'state', labelKey: 'epidemic.care.state', width: 190 },
  { key: 'temperature', labelKey: 'epidemic.care.temperature', width: 100 },
  { key: 'symptoms', labelKey: 'epidemic.care.symptomsTitle', width: 160 },
  { key: 'note', labelKey: 'epidemic.care.note' },
  { key: 'channel', labelKey: 'epidemic.care.channel', width: 100 },
] as const satisfies readonly TableColumn[]

export const helpColumns = [
  { key: 'address', labelKey: 'epidemic.care.address', width: 160 },
  { key: 'kind', labelKey: 'epidemic.care.helpKind', width: 110 },
  { key: 'detail', labelKey: 'epidemic.care.helpDetail' },
  { key: 'case', labelKey: 'epidemic.care.case', width: 160 },
  { key: 'created_at', labelKey: 'epidemic.care.askedAt', width: 170, shows: 'time' },
] as const satisfies readonly TableColumn[]
