// The workflow step a record's page is about to take: choosing one of the steps the record allows opens
// the drawer that asks what the step needs.
import { ref, type Ref } from 'vue'

export function useStepDrawer<Step>(first: Step) {
  const open = ref(false)
  const step = ref(first) as Ref<Step>

  function start(next: Step) {
    step.value = next
    open.value = true
  }

  return { open, step, start }
}
