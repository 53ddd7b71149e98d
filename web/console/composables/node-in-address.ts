// The node a list starts at: the one in the address (?node=), so that a link or a reload shows the same
// list, else the node the user's first role is held at.
import { computed, ref, watch } from 'vue'
import { useRoute } from 'vue-router'
import { getNode } from '@shared/api/org'
import { useLoader } from '@shared/composables/loader'
import { useSessionStore } from '@shared/stores/session'
import { treeItem } from './org-tree'

/** A record id given in the address (a positive whole number), else undefined. */
export function idInAddress(value: unknown): number | undefined {
  const id = Number(value)
  return Number.isInteger(id) && id > 0 ? id : undefined
}

export function startingNodeId(): number | undefined {
  return idInAddress(useRoute().query.node) ?? useSessionStore().scopeNodes[0]?.id
}

/**
 * The node a list shows, from startingNodeId on, and the node itself once loaded: `pickerCache` names it
 * in the NodePicker when it came from the address, before its branch of the lazy tree is opened.
 */
export function useListNode() {
  const nodeId = ref(startingNodeId())
  const node = useLoader(() => getNode(nodeId.value ?? 0))
  watch(
    nodeId,
    (id) => {
      if (id !== undefined && node.data.value?.id !== id) void node.reload()
    },
    { immediate: true },
  )
  const pickerCache = computed(() => (node.data.value ? [treeItem(node.data.value)] : []))
  return { nodeId, node, pickerCache }
}
