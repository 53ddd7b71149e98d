// The vote or election a ballot page is about, found among the resident's own: residents cannot read one by id
// (that needs the module's read permission), and one not on their roll reads as not found, in the page's words.
import { computed } from 'vue'
import { ApiError } from '@shared/api/client'
import { useLoader } from '@shared/composables/loader'

export function useMyBallot<Item extends { id: number }>(listMine: () => Promise<Item[]>, id: () => number, notOnRoll: () => string) {
  const mine = useLoader(listMine)
  void mine.reload()
  const item = computed(() => mine.data.value?.find((candidate) => candidate.id === id()) ?? null)
  const notMine = computed(() => (mine.data.value && !item.value ? new ApiError(404, 'not_found', notOnRoll()) : null))
  return { mine, item, notMine }
}
