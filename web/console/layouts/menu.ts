// The console menu: home, then its groups in order (组织 / 自治 / 服务 / 物业 / 系统), each holding the routes
// whose meta names it and whose permission the user holds; a group without entries is left out. 组织 opens
// with the org tree at the user's outermost scope. An entry stands for the pages under its path: it is lit on
// them and counts today's work leading to them.
import type { RouteRecordNormalized } from 'vue-router'
import type { MenuGroup } from '@shared/session-guard'

export const menuGroups: readonly MenuGroup[] = ['org', 'autonomy', 'service', 'property', 'system']

export interface MenuEntry {
  /** Where the entry leads. */
  path: string
  /** The pages it stands for lie under this path. */
  under: string
  titleKey: string
}

export interface MenuSection {
  group: MenuGroup
  entries: MenuEntry[]
}

function liesUnder(path: string, under: string): boolean {
  const bare = path.split(/[?#]/)[0] ?? path
  return bare === under || bare.startsWith(`${under}/`)
}

/** The entry standing for `path`: the one with the longest `under` that the path lies under. */
export function entryFor(entries: readonly MenuEntry[], path: string): MenuEntry | undefined {
  return entries
    .filter((entry) => entry.under !== '/' && liesUnder(path, entry.under))
    .reduce<MenuEntry | undefined>((best, entry) => (best && best.under.length >= entry.under.length ? best : entry), undefined)
}

export function menuSections(
  routes: readonly RouteRecordNormalized[],
  allowed: (route: RouteRecordNormalized) => boolean,
  orgTreeNode: number | undefined,
): MenuSection[] {
  const inMenu = routes
    .filter((route) => route.meta.menuGroup !== undefined && allowed(route))
    .sort((a, b) => (a.meta.menuOrder ?? 0) - (b.meta.menuOrder ?? 0))
  const orgTree: MenuEntry[] =
    orgTreeNode === undefined ? [] : [{ path: `/org/nodes/${orgTreeNode}`, under: '/org', titleKey: 'layout.navigator' }]
  return menuGroups
    .map((group) => ({
      group,
      entries: [
        ...(group === 'org' ? orgTree : []),
        ...inMenu
          .filter((route) => route.meta.menuGroup === group)
          .map((route) => ({ path: route.path, under: route.path, titleKey: route.meta.titleKey ?? '' })),
      ],
    }))
    .filter((section) => section.entries.length > 0)
}
