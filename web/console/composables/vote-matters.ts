// The matters of Art. 278 para. 1 as the server lists them, each with the threshold it fixes, for the forms
// that start a vote (the vote wizard, a topic's vote form): the chosen matter's threshold is looked up there,
// never worked out here.
import { computed } from 'vue'
import { listMatters } from '@shared/api/voting'
import { useLoader } from '@shared/composables/loader'

export function useVoteMatters(chosen: () => number | undefined) {
  const matters = useLoader(listMatters)
  void matters.reload()
  const threshold = computed(() => matters.data.value?.find((candidate) => candidate.matter === chosen())?.threshold ?? null)
  return { matters, threshold }
}
