// The compound a page is about, kept in the address as ?compound= so the page can be bookmarked and
// shared: taken from the address, else the user's own compound when their role is held at one.
import { ref, watch, type Ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useSessionStore } from '@shared/stores/session'
import { idInAddress } from './node-in-address'

export function useCompoundInAddress(): Ref<number | undefined> {
  const route = useRoute()
  const router = useRouter()
  const session = useSessionStore()

  const queriedCompound = () => idInAddress(route.query.compound)
  const firstScope = session.scopeNodes[0]
  const compoundId = ref<number | undefined>(queriedCompound() ?? (firstScope?.kind === 'compound' ? firstScope.id : undefined))

  watch(compoundId, (id) => {
    if (id !== queriedCompound()) void router.replace({ query: { ...route.query, compound: id } })
  })
  watch(
    () => route.query.compound,
    () => {
      compoundId.value = queriedCompound() ?? compoundId.value
    },
  )
  return compoundId
}
