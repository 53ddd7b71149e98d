// Wires the API client to an app's session store and router: the CSRF token comes from the session,
// and a session that ends while in use (401) sends the user to the app's login page.
import type { Router } from 'vue-router'
import { configureApiClient } from './api/client'
import { i18n } from './i18n'
import { useSessionStore } from './stores/session'

export function connectApiToSession(router: Router): void {
  const session = useSessionStore()
  configureApiClient({
    csrfToken: () => session.csrfToken,
    onUnauthorized: () => {
      if (!session.signedIn) return
      session.forget()
      void router.push({ name: 'login', query: { redirect: router.currentRoute.value.fullPath } })
    },
    networkErrorMessage: () => i18n.global.t('errors.network'),
  })
}
