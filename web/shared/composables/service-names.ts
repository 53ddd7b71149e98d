// The names of a contract's services: a code of the street's service catalogue (事项目录) reads as the item's
// name, a service written out by name stays as written. The catalogue is read once per screen that asks.
import { computed } from 'vue'
import { listCaseItems } from '../api/cases'
import { useLoader } from './loader'

export function useServiceNames() {
  const catalogue = useLoader(() => listCaseItems({}))
  void catalogue.reload()
  const names = computed(() => new Map((catalogue.data.value ?? []).map((item) => [item.code, item.name])))
  /** The catalogue's items as choices: each code with its name. */
  const choices = computed(() => (catalogue.data.value ?? []).map((item) => ({ value: item.code, label: item.name })))
  return {
    choices,
    nameOf: (service: string) => names.value.get(service) ?? service,
  }
}
