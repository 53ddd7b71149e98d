// What the elevator screens derive from the server's records: tag colours of stages and mediation
// outcomes and the one stage a project may move to next.
import type { TagProps } from 'element-plus'
import { projectStages, type MediationOutcome, type Stage } from '@shared/api/elevators'

export const stageTagTypes: Record<Stage, TagProps['type']> = {
  proposal: 'info',
  consent: 'warning',
  design: 'primary',
  approval: 'primary',
  construction: 'primary',
  acceptance: 'primary',
  in_service: 'success',
  withdrawn: 'danger',
}

export const mediationOutcomeTagTypes: Record<MediationOutcome, TagProps['type']> = { agreed: 'success', not_agreed: 'danger', pending: 'warning' }

/** The stage after `stage`, or null at the end (in service) or once withdrawn. */
export function nextStage(stage: Stage): Stage | null {
  const index = projectStages.indexOf(stage)
  return index < 0 ? null : (projectStages[index + 1] ?? null)
}

