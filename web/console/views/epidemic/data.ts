// What the epidemic screens derive from the server's records: the tag colours of an observation's states, the
// observations table's columns (and so its export), and the time an observation still runs.
import type { TagProps } from 'element-plus'
import type { Observation, ObservationState } from '@shared/api/epidemic'
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
