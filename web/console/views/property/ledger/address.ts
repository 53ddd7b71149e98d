// The community and year the ledger's pages show, kept in the address (?community=&year=) so that a link, a reload
// or going from the months to their records keeps them; and the communities the user reads, with their compounds.
import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { listClusters } from '@shared/api/property'
import { useLoader } from '@shared/composables/loader'
import { useSessionStore } from '@shared/stores/session'
import { idInAddress } from '../../../composables/node-in-address'
import { ledgerYears } from '../data'

export function useLedgerAddress() {
  const route = useRoute()
  const router = useRouter()
  const session = useSessionStore()
  const years = ledgerYears()

  const clusters = useLoader(() => listClusters())
  void clusters.reload()
  /** The communities whose money the user reads: all of the street's from a street role, else those their roles are in. */
  const communities = computed(() => {
    const all = (clusters.data.value ?? []).flatMap((cluster) => cluster.communities)
    const held = new Set(session.scopeNodes.map((node) => node.id))
    const mine = all.filter((community) => held.has(community.id) || community.compounds.some((compound) => held.has(compound.id)))
    const streetWide = session.scopeNodes.some((node) => node.kind === 'street')
    return streetWide || mine.length === 0 ? all : mine
  })

  const communityId = computed({
    get: () => idInAddress(route.query.community) ?? communities.value[0]?.id,
    set: (community) => void router.replace({ query: { ...route.query, community } }),
  })
  const year = computed({
    get: () => idInAddress(route.query.year) ?? years[0]!,
    set: (chosen) => void router.replace({ query: { ...route.query, year: chosen } }),
  })
  const community = computed(() => communities.value.find((each) => each.id === communityId.value))

  return { years, communities, communityId, community, year }
}
