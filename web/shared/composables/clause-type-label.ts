// Names of covenant clause types for both apps: parking, illegal structures and the default street
// types are translated; a street's own type code without a translation is shown as it is.
import { useI18n } from 'vue-i18n'

export function useClauseTypeLabel(): (type: string) => string {
  const { t, te } = useI18n()
  return (type) => (te(`covenant.types.${type}`) ? t(`covenant.types.${type}`) : type)
}
