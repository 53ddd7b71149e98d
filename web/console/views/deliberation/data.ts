// What the deliberation screens derive from a topic: the step a "next" button may move it to, tag
// colours, and which of its records the current step allows.
import type { TagProps } from 'element-plus'
import type { Step, TopicDetail } from '@shared/api/deliberation'

export const stepTagTypes: Record<Step, TagProps['type']> = {
  proposed: 'info',
  commenting: 'primary',
  consulting: 'primary',
  drafting: 'warning',
  voting: 'warning',
  resolved: 'success',
  done: 'success',
}

/** The step `POST /advance` accepts next; voting, resolved and done are entered by their own records. */
export const advanceTo: Partial<Record<Step, Step>> = {
  proposed: 'commenting',
  commenting: 'consulting',
  consulting: 'drafting',
}

/** The latest vote was counted (closed or published). */
export function voteCounted(topic: TopicDetail): boolean {
  return topic.vote?.state === 'closed' || topic.vote?.state === 'published'
}
