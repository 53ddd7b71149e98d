// The node page's children table and child form, described as data (labels are i18n keys).
import type { NodeKind, OrgNode } from '@shared/api/org'

export interface ChildColumn {
  prop: keyof OrgNode
  labelKey: string
  width?: number
}

export const childColumns: readonly ChildColumn[] = [
  { prop: 'name', labelKey: 'org.name' },
  { prop: 'kind', labelKey: 'org.kind', width: 120 },
  { prop: 'code', labelKey: 'org.code', width: 200 },
  { prop: 'created_at', labelKey: 'org.createdAt', width: 200 },
]

/** Fields of the child form; an API error naming one of them is shown on it. */
export const childFormFields = ['name', 'code', 'floors', 'has_elevator'] as const

/** A plausible name for the placeholder of the child form, per kind. */
export const nameExamples: Record<NodeKind, string> = {
  street: '大关街道',
  community: '德胜社区',
  compound: '德胜新村',
  building: '1幢',
  unit: '1单元',
  part: '101室',
}
