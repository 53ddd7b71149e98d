// What the survey screens derive from the server's records: the tag colour of a state, and an empty
// question for the builder.
import type { TagProps } from 'element-plus'
import type { Question, SurveyState } from '@shared/api/surveys'

export const surveyStateTags: Record<SurveyState, TagProps['type']> = {
  draft: 'info',
  open: 'success',
  closed: 'warning',
}

/** A new single-choice question with two empty options, as the builder adds it. */
export function blankQuestion(): Question {
  return { text: '', type: 'single', required: true, options: ['', ''], show_if: null }
}
