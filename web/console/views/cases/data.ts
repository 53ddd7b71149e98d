// What the case screens derive from the server's records: tag colours by state type, and the steps the
// transition table (docs/modules/cases.md) offers from each state with the permission each needs, so a
// button shows only to those who may press it; the server still decides every step.
import type { TagProps } from 'element-plus'
import type { CaseState, StateType } from '@shared/api/cases'
import type { Permission } from '@shared/permissions'

export const stateTypeTags: Record<StateType, TagProps['type']> = { open: 'warning', fixed: 'success', closed: 'info' }

/** What a step needs besides an optional note. */
export type StepNeeds = 'none' | 'assignee' | 'original' | 'reason'

export interface CaseStep {
  to: CaseState
  permission: Permission
  needs: StepNeeds
  /** Which word the button uses: the same target state reads differently from different states. */
  label: string
}

const step = (to: CaseState, permission: Permission, needs: StepNeeds = 'none', label: string = to): CaseStep => ({ to, permission, needs, label })
const closeNotFixed = step('closed_not_fixed', 'cases.close', 'reason')

export const nextSteps: Record<CaseState, readonly CaseStep[]> = {
  reported: [step('accepted', 'cases.accept'), step('returned', 'cases.accept'), step('duplicate', 'cases.accept', 'original'), closeNotFixed],
  accepted: [step('assigned', 'cases.assign', 'assignee'), step('returned', 'cases.accept'), step('duplicate', 'cases.accept', 'original'), closeNotFixed],
  assigned: [step('in_progress', 'cases.resolve'), step('transferred', 'cases.assign', 'assignee'), closeNotFixed],
  transferred: [step('in_progress', 'cases.resolve'), step('assigned', 'cases.assign', 'assignee', 'reassigned'), closeNotFixed],
  in_progress: [step('resolved', 'cases.resolve'), step('transferred', 'cases.assign', 'assignee'), closeNotFixed],
  resolved: [step('verified', 'cases.verify'), step('in_progress', 'cases.verify', 'none', 'rework')],
  verified: [step('closed', 'cases.close')],
  returned: [step('accepted', 'cases.accept', 'none', 'reaccept')],
  closed: [],
  duplicate: [],
  closed_not_fixed: [],
}

/** States bulk assignment takes: accepted or transferred cases are assigned, assigned or in-progress ones handed over. */
export const bulkAssignable: readonly CaseState[] = ['accepted', 'transferred', 'assigned', 'in_progress']
