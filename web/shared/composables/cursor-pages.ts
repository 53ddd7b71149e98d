// State of a cursor-paged list on a screen: the items shown so far, the cursor of the next page, and
// loading and error; an answer to an older call that arrives late is dropped.
import { ref, shallowRef } from 'vue'
import { toApiError, type ApiError, type Page } from '../api/client'

export function useCursorPages<Item>(loadPage: (cursor: string | null) => Promise<Page<Item>>) {
  const items = shallowRef<Item[]>([])
  const nextCursor = ref<string | null>(null)
  const loading = ref(false)
  const error = shallowRef<ApiError | null>(null)
  let latestCall = 0

  /** Loads the first page, or with `append` the page after the ones shown. */
  async function load(append = false) {
    const call = ++latestCall
    loading.value = true
    error.value = null
    try {
      const page = await loadPage(append ? nextCursor.value : null)
      if (call !== latestCall) return
      items.value = append ? [...items.value, ...page.items] : page.items
      nextCursor.value = page.next_cursor
    } catch (caught) {
      if (call === latestCall) error.value = toApiError(caught)
    } finally {
      if (call === latestCall) loading.value = false
    }
  }

  /** Forgets the items shown, e.g. when the list is of another node now; a call under way is dropped. */
  function clear() {
    latestCall++
    items.value = []
    nextCursor.value = null
    loading.value = false
    error.value = null
  }

  return { items, nextCursor, loading, error, load, clear }
}
