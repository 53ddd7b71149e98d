// The node a list starts at: the one in the address (?node=), so that a link or a reload shows the same
// list, else the node the user's first role is held at.
import { useRoute } from 'vue-router'
import { useSessionStore } from '@shared/stores/session'

/** A record id given in the address (a positive whole number), else undefined. */
export function idInAddress(value: unknown): number | undefined {
  const id = Number(value)
  return Number.isInteger(id) && id > 0 ? id : undefined
}

export function startingNodeId(): number | undefined {
  return idInAddress(useRoute().query.node) ?? useSessionStore().scopeNodes[0]?.id
}
