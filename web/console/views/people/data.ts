// The people table's columns (labels are i18n keys) and its page size.
import type { ListedPerson } from '@shared/api/people'
import type { TableColumn } from '../../components/ColumnsTable.vue'

export const peopleColumns: readonly TableColumn<keyof ListedPerson>[] = [
  { key: 'name', labelKey: 'people.name', width: 120 },
  { key: 'home_name', labelKey: 'people.compound', width: 140 },
  { key: 'places', labelKey: 'people.place', width: 200 },
  { key: 'phone', labelKey: 'people.phone', width: 140 },
  { key: 'id_number', labelKey: 'people.idNumber', width: 200 },
  { key: 'birth_year', labelKey: 'people.birthYear', width: 100 },
  { key: 'party_member', labelKey: 'people.partyMember', width: 100 },
  { key: 'tags', labelKey: 'people.tags' },
]

export const peoplePageSize = 50
