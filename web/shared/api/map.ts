// The street's map (GET /api/v1/map, src/app/map.cpp): the compounds under a node with their outlines
// (kept in the registry, PUT /api/v1/org/nodes/{id}/outline) and one figure each.
import { request } from './client'

export const mapFigures = [
  'open_cases',
  'overdue_cases',
  'violations',
  'turnout',
  'property_cluster',
  'property_score',
] as const
export type MapFigure = (typeof mapFigures)[number]

/** A GeoJSON geometry as the server checked it. */
export type Outline =
  | { type: 'Polygon'; coordinates: [number, number][][] }
  | { type: 'Point'; coordinates: [number, number] }

export interface MapCompound {
  id: number
  name: string
  /**
   * A count, a turnout in percent, a month's score (0–100), a cluster's id (a category's value), or null where
   * there is nothing to show (no vote yet, no closed month, no cluster).
   */
  value: number | null
}

/** What a compound's value stands for when the figure is a category, such as the cluster it is in. */
export interface MapCategory {
  value: number
  name: string
  /** The company leading the cluster today, if one does. */
  lead: string | null
}

export interface StreetMap {
  node: { id: number; name: string }
  figure: MapFigure
  items: (MapCompound & { geometry: Outline })[]
  without_outline: MapCompound[]
  /** For property_cluster only: the clusters present, by id. */
  categories?: MapCategory[]
}

/** The map under the node, or without one the caller's street. */
export function getStreetMap(nodeId: number | undefined, figure: MapFigure): Promise<StreetMap> {
  return request<StreetMap>('GET', '/api/v1/map', { query: { node: nodeId, figure } })
}
