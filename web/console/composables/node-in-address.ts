// The node a list starts at: the one in the address (?node=), so that a link or a reload shows the same
// list, else the node the user's first role is held at.
import { computed, ref, watch, type WatchSource } from 'vue'
import { useRoute, useRouter } from 'vue-router'
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

/**
 * A list under the node in the address: `load` is asked again, and the address kept (?node=), each time the
 * node or one of `also` (another filter of the page) changes.
 */
export function useNodeInAddressList<Result>(load: (nodeId: number | undefined) => Promise<Result>, also: WatchSource[] = []) {
  const router = useRouter()
  const listNode = useListNode()
  const list = useLoader(() => load(listNode.nodeId.value))
  watch(
    [listNode.nodeId, ...also],
    () => {
      void router.replace({ query: { ...router.currentRoute.value.query, node: listNode.nodeId.value } })
      void list.reload()
    },
    { immediate: true },
  )
  return { ...listNode, list }
}
