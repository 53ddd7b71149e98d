// The record a page or a card is about, read again whenever the id it is given changes (another record opened
// from a link while the page stays on screen).
import { watch } from 'vue'
import { useLoader, type Loader } from '@shared/composables/loader'

export function useRecordLoader<Data>(id: () => number, load: (id: number) => Promise<Data>): Loader<Data> {
  const loader = useLoader(() => load(id()))
  watch(id, () => void loader.reload(), { immediate: true })
  return loader
}
