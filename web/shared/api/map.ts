// The street's map (GET /api/v1/map, src/app/map.cpp): the compounds under a node with their outlines
// (kept in the registry, PUT /api/v1/org/nodes/{id}/outline) and one figure each.
import { request } from './client'

export const mapFigures = ['open_cases', 'overdue_cases', 'violations', 'turnout'] as const
export type MapFigure = (typeof mapFigures)[number]

/** A GeoJSON geometry as the server checked it. */
export type Outline =
  | { type: 'Polygon'; coordinates: [number, number][][] }
  | { type: 'Point'; coordinates: [number, number] }

export interface MapCompound {
  id: number
  name: string
  /** A count, a turnout in percent, or null where there is nothing to count (no vote yet). */
  value: number | null
}

export interface StreetMap {
  node: { id: number; name: string }
  figure: MapFigure
  items: (MapCompound & { geometry: Outline })[]
  without_outline: MapCompound[]
}

export function getStreetMap(nodeId: number, figure: MapFigure): Promise<StreetMap> {
  return request<StreetMap>('GET', `/api/v1/map?node=${nodeId}&figure=${figure}`)
}
