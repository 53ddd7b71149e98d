// The H5 asks a resident to read and consent to the current privacy notice before anything else: after the
// session guard, a signed-in account the server says needs consent is sent to /privacy, and comes back to
// where it was going once it agrees. Asked once per account and page load; the consent page tells it so.
import type { Router } from 'vue-router'
import { getMyConsent } from '@shared/api/privacy'
import { useSessionStore } from '@shared/stores/session'

// The account whose consent is known to be current in this page load.
let consentedAccount: number | null = null

/** The account agreed to the current version (the consent page calls this). */
export function rememberConsent(accountId: number): void {
  consentedAccount = accountId
}

export function installConsentGuard(router: Router): void {
  router.beforeEach(async (to) => {
    const session = useSessionStore()
    const account = session.user?.id
    if (to.meta.public || account === undefined || account === consentedAccount) return true
    // A server that cannot answer now lets the page show its own error; the next navigation asks again.
    const consent = await getMyConsent().catch(() => null)
    if (!consent) return true
    if (!consent.needs_consent) {
      rememberConsent(account)
      return true
    }
    return { name: 'privacy', query: { redirect: to.fullPath } }
  })
}
