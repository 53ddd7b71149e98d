// An action a screen sends at a click (counting a round, adding a note, rating a case): whether it is
// under way, and the server's refusal in words to show beside its button. `useRowActions` is the same
// for the action each row of a list has, so that one row's wait or failure never shows on another.
import { reactive, ref } from 'vue'
import { toApiError } from '../api/client'

export function useAction() {
  const busy = ref(false)
  const error = ref('')

  /** Runs `action`; the error shown is cleared as it starts and is its failure if it fails. */
  async function run(action: () => Promise<void>) {
    error.value = ''
    busy.value = true
    try {
      await action()
    } catch (caught) {
      error.value = toApiError(caught).message
    } finally {
      busy.value = false
    }
  }

  return { busy, error, run }
}

export function useRowActions<Key extends string | number>() {
  const errors = reactive({}) as Record<Key, string>
  const busy = reactive({}) as Record<Key, boolean>

  /** Runs the action of the row `key`; its failure is shown on that row only. */
  async function run(key: Key, action: () => Promise<void>) {
    errors[key] = ''
    busy[key] = true
    try {
      await action()
    } catch (caught) {
      errors[key] = toApiError(caught).message
    } finally {
      busy[key] = false
    }
  }

  return { errors, busy, run }
}
