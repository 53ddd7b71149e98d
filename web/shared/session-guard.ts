// Navigation guard used by both apps: restores the session once per page load, sends visitors to the
// login page, keeps signed-in users off it, hides routes their roles do not allow, and titles the tab.
import { watch } from 'vue'
import type { RouteLocationNormalized, Router } from 'vue-router'
import { i18n } from './i18n'
import type { Permission } from './permissions'
import { useSessionStore } from './stores/session'

/** The console menu's groups: 组织, 自治, 服务, 物业, 系统. */
export type MenuGroup = 'org' | 'autonomy' | 'service' | 'property' | 'system'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in (the login page). */
    public?: boolean
    /** The permission a role must carry to open the route. */
    permission?: Permission
    /** i18n key of the page title. */
    titleKey?: string
    /** Shown in the console menu, in this group. */
    menuGroup?: MenuGroup
    /** The entry's place in its group. */
    menuOrder?: number
  }
}

export function installSessionGuard(router: Router, appTitleKey: string): void {
  router.beforeEach(async (to) => {
    const session = useSessionStore()
    // A server that cannot be reached reads as "not signed in": the login page then shows the error.
    await session.restore().catch(() => session.forget())
    if (to.meta.public) return session.signedIn && to.name === 'login' ? { name: 'home' } : true
    if (!session.signedIn) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    if (to.meta.permission && !session.may(to.meta.permission)) return { name: 'no-access' }
    return true
  })
  const showTitle = (route: RouteLocationNormalized) => {
    const { t } = i18n.global
    document.title = route.meta.titleKey ? `${t(route.meta.titleKey)} · ${t(appTitleKey)}` : t(appTitleKey)
  }
  router.afterEach(showTitle)
  watch(i18n.global.locale, () => showTitle(router.currentRoute.value))
}
