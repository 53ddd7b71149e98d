// Who took a step or holds a record, as every timeline and list says it: "我" for the signed-in user,
// else the name the server gives (masked for residents) with their role, "系统" for nobody; never an
// account number.
import { useI18n } from 'vue-i18n'
import { useSessionStore } from '../stores/session'

export interface Actor {
  id: number | null
  name: string | null
  role: string | null
}

export function useActorText(): (actor: Actor) => string {
  const { t, te } = useI18n()
  const session = useSessionStore()
  return ({ id, name, role }) => {
    if (id === null || name === null) return t('timeline.system')
    if (id === session.user?.id) return t('timeline.me')
    return role && te(`roles.${role}`) ? t('timeline.nameWithRole', { name, role: t(`roles.${role}`) }) : name
  }
}
