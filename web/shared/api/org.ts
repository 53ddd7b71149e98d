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

/** What a part is used for. */
export type PartUse = 'residential' | 'commercial' | 'parking' | 'other'

/** A part (户) as GET /org/nodes/{id}/parts lists it, with its building and unit. */
export interface PartRow {
  id: number
  building_id: number
  building_name: string
  unit_id: number
  unit_name: string
  room_number: string
  floor: number
  use: PartUse
  area_centi_m2: number
  /** Exclusive area in m², as the server writes it ("87.35"). */
  area_m2: string
  area_source: 'registered' | 'surveyed' | 'contract'
}

export interface NewOrgNode {
  parent_id: number
  kind: NodeKind
  name: string
  code?: string
  /** Buildings only: storeys above ground, whether the building has a lift, and its land. */
  floors?: number
  has_elevator?: boolean
  land?: LandTenure
}

/** Elevator retrofits are for buildings on state-owned land only. */
export type LandTenure = 'state_owned' | 'collective'

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

/** One node as its page shows it: with the node above it by name, and whether the user may open that one. */
export interface OrgNodeDetail extends OrgNode {
  parent_name: string | null
  parent_readable: boolean
}

/** GET /api/v1/org/nodes/{id}: 403 outside the user's scope, 404 when missing. */
export function getNode(id: number): Promise<OrgNodeDetail> {
  return request<OrgNodeDetail>('GET', `/api/v1/org/nodes/${id}`)
}

/** GET /api/v1/org/nodes/{id}/children: one page, in creation order. */
export function listChildren(id: number, cursor?: string | null, limit?: number): Promise<Page<OrgNode>> {
  return request<Page<OrgNode>>('GET', `/api/v1/org/nodes/${id}/children`, { query: { cursor, limit } })
}

/** Every item of a cursor-paged list, following the cursor through all pages. */
async function followCursor<Item>(loadPage: (cursor: string | null) => Promise<Page<Item>>): Promise<Item[]> {
  const items: Item[] = []
  let cursor: string | null = null
  do {
    const page: Page<Item> = await loadPage(cursor)
    items.push(...page.items)
    cursor = page.next_cursor
  } while (cursor)
  return items
}

/** Every child of a node, in pages of the largest size the server allows. */
export function listAllChildren(id: number): Promise<OrgNode[]> {
  return followCursor((cursor) => listChildren(id, cursor, 1000))
}

/** POST /api/v1/org/nodes: 400 invalid name, 409 code already used, 422 wrong kind under the parent. */
export function createNode(node: NewOrgNode): Promise<OrgNode> {
  return request<OrgNode>('POST', '/api/v1/org/nodes', { body: node })
}

/** GET /api/v1/org/nodes/{id}/parts: one page of the parts under a node (any level), in id order. */
export function listParts(id: number, cursor?: string | null, limit?: number): Promise<Page<PartRow>> {
  return request<Page<PartRow>>('GET', `/api/v1/org/nodes/${id}/parts`, { query: { cursor, limit } })
}

/** Every part under a node, in pages of the largest size the server allows. */
export function listAllParts(id: number): Promise<PartRow[]> {
  return followCursor((cursor) => listParts(id, cursor, 1000))
}
