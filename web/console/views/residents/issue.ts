// Issuing a building's invitation letters from the console: first the warning that its unused letters are
// voided, then the letters kept in this page's memory for the print page (their codes are shown only in the
// answer that made them, never stored in clear) and the print page opened.
import { shallowRef } from 'vue'
import type { Composer } from 'vue-i18n'
import type { Router } from 'vue-router'
import { toApiError } from '@shared/api/client'
import { issueInvitations, type IssuedLetters } from '@shared/api/residents'

/** The letters issued last in this tab, for the print page to show. */
export const issuedLetters = shallowRef<IssuedLetters | null>(null)

/** Asks to confirm, issues the building's letters and opens their print page; a refusal shows as a message. */
export async function issueAndPrint(building: { id: number; name: string }, t: Composer['t'], router: Router) {
  try {
    await ElMessageBox.confirm(t('residents.invitations.issueConfirm', { building: building.name }), t('residents.invitations.issue'), {
      type: 'warning',
      confirmButtonText: t('residents.invitations.issueAndPrint'),
      cancelButtonText: t('common.cancel'),
    })
  } catch {
    return
  }
  try {
    issuedLetters.value = await issueInvitations(building.id)
    await router.push({ name: 'invitations-print', query: { building: building.id } })
  } catch (error) {
    ElMessage.error(toApiError(error).message)
  }
}
