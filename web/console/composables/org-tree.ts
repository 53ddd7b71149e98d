// Lazy loading of the org tree for the console's trees (navigator, scope picker): the roots are the
// user's scope nodes, and each level is fetched when opened, down to compounds.
import type { LoadFunction } from 'element-plus'
import { listAllChildren, type NodeKind } from '@shared/api/org'
import { toApiError } from '@shared/api/client'
import { useSessionStore } from '@shared/stores/session'

/** One node as the trees show it. */
export interface OrgTreeItem {
  id: number
  name: string
  kind: NodeKind
  isLeaf: boolean
}

/** The deepest kind the console's trees show; buildings and below are listed on a compound's page. */
const deepestTreeKind: NodeKind = 'compound'

/** A node as the trees show it; also what a picker is given to name a node before its branch is opened. */
export function treeItem(node: { id: number; name: string; kind: NodeKind }): OrgTreeItem {
  return { id: node.id, name: node.name, kind: node.kind, isLeaf: node.kind === deepestTreeKind }
}

/** Element Plus's lazy `load` callback; failures are passed to `onError` and show as no children. */
export function useOrgTreeLoader(onError: (message: string) => void): LoadFunction {
  const session = useSessionStore()
  return async (node, resolve) => {
    if (node.level === 0) {
      resolve(session.scopeNodes.map(treeItem))
      return
    }
    try {
      const children = await listAllChildren((node.data as OrgTreeItem).id)
      resolve(children.map(treeItem))
    } catch (error) {
      onError(toApiError(error).message)
      resolve([])
    }
  }
}
