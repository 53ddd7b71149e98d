// The node page's children table, child form and parts table, described as data (labels are i18n keys).
import type { NodeKind, OrgNode, PartRow } from '@shared/api/org'
import type { TableColumn } from '../../components/ColumnsTable.vue'

export const childColumns: readonly TableColumn<keyof OrgNode>[] = [
  { key: 'name', labelKey: 'org.name' },
  { key: 'kind', labelKey: 'org.kind', width: 120 },
  { key: 'created_at', labelKey: 'org.createdAt', width: 200, shows: 'time' },
]

/** Fields of the child form; an API error naming one of them is shown on it. */
export const childFormFields = ['name', 'code', 'floors', 'has_elevator', 'land'] as const

/** A plausible name for the placeholder of the child form, per kind. */
export const nameExamples: Record<NodeKind, string> = {
  street: '大关街道',
  community: '德胜社区',
  compound: '德胜新村',
  building: '1幢',
  unit: '1单元',
  part: '101室',
}

/** Columns of the compound's virtualised parts table (labels are i18n keys, widths in px). */
export const partColumns: readonly { key: keyof PartRow | 'links'; labelKey: string; width: number }[] = [
  { key: 'building_name', labelKey: 'kinds.building', width: 140 },
  { key: 'unit_name', labelKey: 'kinds.unit', width: 120 },
  { key: 'room_number', labelKey: 'parts.room', width: 120 },
  { key: 'floor', labelKey: 'parts.floor', width: 90 },
  { key: 'use', labelKey: 'parts.use', width: 110 },
  { key: 'area_m2', labelKey: 'parts.area', width: 130 },
  { key: 'links', labelKey: 'parts.links', width: 120 },
]
