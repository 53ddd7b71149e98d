// A list of records under a node and in one state (every state when none), a page at a time, as the violations
// and the disputes are listed: both filters are kept in the address (?node=&state=) so that a link or a reload
// shows the same list, and the list is read again from its first page whenever either changes. The cases'
// inbox, with more filters, takes its state from the address the same way.
import { computed, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { Page } from '@shared/api/client'
import { useCursorPages } from '@shared/composables/cursor-pages'
import { useListNode } from './node-in-address'

export type NodeStateQuery<State> = {
  node: number | undefined
  state: State | undefined
}

/** The state chosen, at first the one in the address (if it is one of `states`), and the filter's options. */
export function useStateInAddress<State extends string>(states: readonly State[], stateLabel: (state: State) => string) {
  const route = useRoute()
  const state = ref<State | ''>(states.find((code) => code === route.query.state) ?? '')
  const stateOptions = computed(() => states.map((value) => ({ value, label: stateLabel(value) })))
  return { state, stateOptions }
}

export function useNodeStatePages<State extends string, Item>(
  states: readonly State[],
  stateLabel: (state: State) => string,
  loadPage: (query: NodeStateQuery<State>, cursor: string | null) => Promise<Page<Item>>,
) {
  const router = useRouter()
  const listNode = useListNode()
  const { state, stateOptions } = useStateInAddress(states, stateLabel)
  /** The filters of the list shown, as its route takes them. */
  const query = (): NodeStateQuery<State> => ({ node: listNode.nodeId.value, state: state.value || undefined })
  const pages = useCursorPages((cursor) => loadPage(query(), cursor))

  watch(
    [listNode.nodeId, state],
    () => {
      void router.replace({ query: query() })
      pages.clear()
      void pages.load()
    },
    { immediate: true },
  )

  return { ...listNode, state, stateOptions, query, pages }
}
