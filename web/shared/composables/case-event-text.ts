// One line for each event of a case's timeline, the same in the console and on the resident's H5:
// a step from one state to another, a note, an escalation to a level of the chain, a rating, reopening
// after a low rating, a follow-up visit.
import { useI18n } from 'vue-i18n'
import type { CaseEvent } from '../api/cases'

export function useCaseEventText(): (event: CaseEvent) => string {
  const { t, te } = useI18n()
  const state = (code: string | null) => (code ? t(`cases.states.${code}`) : '')
  return (event) => {
    if (event.kind === 'transition') {
      return event.from ? t('cases.events.transition', { from: state(event.from), to: state(event.to) }) : t('cases.events.reported')
    }
    if (event.kind === 'escalation') return t('cases.events.escalation', { level: t(`cases.levels.${event.note}`) })
    return te(`cases.events.${event.kind}`) ? t(`cases.events.${event.kind}`) : event.kind
  }
}
