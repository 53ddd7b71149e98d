// The checks a drawer form makes before a save that most forms share, each worded by an i18n key that is
// looked up when the message shows (so it follows a change of language): text that must be written, and
// a choice that must be made.
import type { FormItemRule } from 'element-plus'
import { i18n } from '@shared/i18n'

/** Text that may not be left blank (spaces alone count as blank), checked as it is typed and when left. */
export function textRequired(messageKey: string): FormItemRule[] {
  return [{ required: true, whitespace: true, message: () => i18n.global.t(messageKey), trigger: ['blur', 'change'] }]
}

/** A choice — an option, a person, a node, a day — that must be made, checked when it changes. */
export function choiceRequired(messageKey: string): FormItemRule[] {
  return [{ required: true, message: () => i18n.global.t(messageKey), trigger: 'change' }]
}
