// State of one remote read for a screen: the data, whether it is loading, and the error to show.
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import { toApiError, type ApiError } from '../api/client'

export interface Loader<Data> {
  data: ShallowRef<Data | null>
  loading: Ref<boolean>
  error: Ref<ApiError | null>
  /** Loads again; an answer to an older call that arrives late is dropped. */
  reload: () => Promise<void>
}

export function useLoader<Data>(load: () => Promise<Data>): Loader<Data> {
  const data = shallowRef<Data | null>(null)
  const loading = ref(false)
  const error = shallowRef<ApiError | null>(null)
  let latestCall = 0

  async function reload() {
    const call = ++latestCall
    loading.value = true
    error.value = null
    try {
      const result = await load()
      if (call === latestCall) data.value = result
    } catch (caught) {
      if (call === latestCall) error.value = toApiError(caught)
    } finally {
      if (call === latestCall) loading.value = false
    }
  }

  return { data, loading, error, reload }
}
