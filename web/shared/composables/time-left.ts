// A deadline as both apps say it: time left ("还剩 2 天") or time past ("已逾期 3 小时").
import { useI18n } from 'vue-i18n'
import { timeUntil } from '@shared/format'

export function useTimeLeft(): (dueAt: string) => string {
  const { t } = useI18n()
  return (dueAt) => {
    const { days, hours } = timeUntil(dueAt)
    if (hours < 0) return days <= -1 ? t('today.overdueDays', { n: -days }) : t('today.overdueHours', { n: -hours })
    return days >= 1 ? t('today.daysLeft', { n: days }) : t('today.hoursLeft', { n: hours })
  }
}
