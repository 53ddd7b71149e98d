// What the covenant screens derive from the server's records: tag colours of states, a violation's
// subject in one line, whether its deadline still runs, and the next steps its state allows.
import type { TagProps } from 'element-plus'
import type { VersionState, Violation, ViolationState, ViolationStep } from '@shared/api/covenant'

export const versionTagTypes: Record<VersionState, TagProps['type']> = { draft: 'warning', adopted: 'success', superseded: 'info' }

export const violationTagTypes: Record<ViolationState, TagProps['type']> = {
  reported: 'danger',
  notified: 'warning',
  rectifying: 'primary',
  removed: 'success',
  closed: 'info',
}

export type StepAction = ViolationStep['action']

/** The steps the server accepts from each state (removal also needs the latest re-inspection passed). */
export const nextSteps: Record<ViolationState, readonly StepAction[]> = {
  reported: ['notify', 'close'],
  notified: ['rectifying', 'inspections', 'remove', 'close'],
  rectifying: ['inspections', 'remove', 'close'],
  removed: [],
  closed: [],
}

/** Whether the violation still runs against its deadline: notified or rectifying, with a deadline set. */
export function deadlineRuns(violation: Violation): boolean {
  return violation.deadline_on !== null && (violation.state === 'notified' || violation.state === 'rectifying')
}

export function latestInspectionPassed(violation: Violation): boolean {
  return violation.inspections.at(-1)?.passed === true
}

/** What a violation is about in one line: location and area, plate and place, or the description. */
export function violationSubject(violation: Violation, areaText: (area: string) => string): string {
  if (violation.kind === 'illegal_structure') {
    return `${violation.location ?? ''} · ${areaText(((violation.area_centi_m2 ?? 0) / 100).toFixed(2))}`
  }
  if (violation.kind === 'parking') return `${violation.plate ?? ''} · ${violation.place ?? ''}`
  return violation.description ?? ''
}
