// The matters of Art. 278 para. 1 as the server lists them, each with the threshold it fixes, and how many
// items a vote may hold, for the forms that start a vote (the vote wizard, a topic's vote form): the chosen
// matter's threshold and the limit are looked up there, never worked out here.
import { computed, ref } from 'vue'
import { listMatters } from '@shared/api/voting'
import { useLoader } from '@shared/composables/loader'

export function useVoteMatters(chosen: () => number | undefined) {
  const maxItems = ref<number | null>(null)
  const matters = useLoader(async () => {
    const answer = await listMatters()
    maxItems.value = answer.max_items
    return answer.items
  })
  void matters.reload()
  const threshold = computed(() => matters.data.value?.find((candidate) => candidate.matter === chosen())?.threshold ?? null)
  return { matters, threshold, maxItems }
}
