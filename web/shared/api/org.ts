// The org tree: street → community → compound → building → unit → part.
import { request, type Page } from './client'

export type NodeKind = 'street' | 'community' | 'compound' | 'building' | 'unit' | 'part'

export interface OrgNode {
  id: number
  parent_id: number | null
  kind: NodeKind
  name: string
  code: string | null
  created_at: string
}

export interface NewOrgNode {
  parent_id: number
  kind: NodeKind
  name: string
  code?: string
  /** Buildings only: storeys above ground, and whether the building has a lift. */
  floors?: number
  has_elevator?: boolean
}

const childKinds: Record<NodeKind, NodeKind | null> = {
  street: 'community',
  community: 'compound',
  compound: 'building',
  building: 'unit',
  unit: 'part',
  part: null,
}

/** The only kind a node of `kind` may have as children (as the server's rules say); null for a part. */
export function childKindOf(kind: NodeKind): NodeKind | null {
  return childKinds[kind]
}

/** GET /api/v1/org/nodes/{id}: 403 outside the user's scope, 404 when missing. */
export function getNode(id: number): Promise<OrgNode> {
  return request<OrgNode>('GET', `/api/v1/org/nodes/${id}`)
}

/** GET /api/v1/org/nodes/{id}/children: one page, in creation order. */
export function listChildren(id: number, cursor?: string | null, limit?: number): Promise<Page<OrgNode>> {
  return request<Page<OrgNode>>('GET', `/api/v1/org/nodes/${id}/children`, { query: { cursor, limit } })
}

/** Every child of a node, following the cursor through all pages. */
export async function listAllChildren(id: number): Promise<OrgNode[]> {
  const children: OrgNode[] = []
  let cursor: string | null = null
  do {
    const page: Page<OrgNode> = await listChildren(id, cursor, 1000)
    children.push(...page.items)
    cursor = page.next_cursor
  } while (cursor)
  return children
}

/** POST /api/v1/org/nodes: 400 invalid name, 409 code already used, 422 wrong kind under the parent. */
export function createNode(node: NewOrgNode): Promise<OrgNode> {
  return request<OrgNode>('POST', '/api/v1/org/nodes', { body: node })
}
