// What the mediation screens derive from the server's records: tag colours of states, the steps each
// state offers, and a dispute's sides in one line.
import type { TagProps } from 'element-plus'
import type { Mediation, MediationDetail, MediationState } from '@shared/api/mediation'

export const stateTagTypes: Record<MediationState, TagProps['type']> = {
  open: 'warning',
  in_mediation: 'primary',
  agreed: 'success',
  not_agreed: 'danger',
  withdrawn: 'info',
}

/** A state step offered on the dispute's page; `reopen` is agreed → in_mediation after a broken agreement. */
export type StepAction = 'start' | 'agreed' | 'not_agreed' | 'withdrawn' | 'reopen'

export const stepTargets: Record<StepAction, MediationState> = {
  start: 'in_mediation',
  agreed: 'agreed',
  not_agreed: 'not_agreed',
  withdrawn: 'withdrawn',
  reopen: 'in_mediation',
}

/** The steps the server accepts from the dispute's state (reopening only once, after a broken agreement). */
export function nextSteps(mediation: MediationDetail): StepAction[] {
  switch (mediation.state) {
    case 'open':
      return ['start', 'withdrawn']
    case 'in_mediation':
      return ['agreed', 'not_agreed', 'withdrawn']
    case 'agreed':
      return mediation.can_reopen ? ['reopen'] : []
    default:
      return []
  }
}

/** "申请人 vs 被申请人" with every party's name on its side. */
export function sides(mediation: Mediation): string {
  const named = (role: string) =>
    mediation.parties
      .filter((party) => party.role === role)
      .map((party) => party.name)
      .join('、')
  return `${named('applicant')} ↔ ${named('respondent')}`
}
