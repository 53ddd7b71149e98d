// The two import files (parts, people): their columns as documented for the server, which permission
// each needs, the figures a report counts, and how a header cell is matched to a column.
import type { ImportKind } from '@shared/api/imports'
import type { Permission } from '@shared/permissions'

export interface FileColumn {
  code: string
  /** The Chinese header exports write. */
  label: string
  /** Other headers the server accepts for the column. */
  aliases: readonly string[]
  /** Written as a number cell when exporting to xlsx. */
  numeric: boolean
}

const column = (code: string, label: string, aliases: readonly string[] = [], numeric = false): FileColumn => ({
  code,
  label,
  aliases,
  numeric,
})

export const fileColumns: Record<ImportKind, readonly FileColumn[]> = {
  parts: [
    column('building', '楼栋', ['幢', '楼幢', '楼号']),
    column('floors', '总层数', ['层数'], true),
    column('has_elevator', '电梯', ['有无电梯']),
    column('land', '土地性质', ['用地性质']),
    column('unit', '单元'),
    column('room', '房号', ['室号', '房间号']),
    column('floor', '楼层', ['所在楼层'], true),
    column('use', '用途'),
    column('area_m2', '面积', ['专有面积', '建筑面积'], true),
    column('area_source', '面积来源'),
  ],
  people: [
    column('name', '姓名'),
    column('phone', '手机', ['手机号', '手机号码', '电话']),
    column('id_number', '身份证号', ['身份证', '身份证号码']),
    column('birth_year', '出生年份', [], true),
    column('party_member', '党员'),
    column('tags', '标签'),
    column('building', '楼栋', ['幢', '楼幢', '楼号']),
    column('unit', '单元'),
    column('room', '房号', ['室号', '房间号']),
    column('relation', '关系'),
    column('designated_voter', '指定投票人'),
  ],
}

/** What a role needs to import each file (the server checks it on the compound). */
export const importPermission: Record<ImportKind, Permission> = {
  parts: 'org.write',
  people: 'people.write',
}

/** The keys of a report's `created`, in the order they are read out. */
export const createdFigures: Record<ImportKind, readonly string[]> = {
  parts: ['buildings', 'units', 'parts'],
  people: ['people', 'links'],
}

/** Rows shown per page of the preview. */
export const previewPageSize = 50

/** A header cell as the server matches it: trimmed, a unit in brackets dropped, ASCII lower-cased. */
function headerKey(cell: string): string {
  const text = cell.trim()
  const bracket = text.search(/[(（]/)
  return (bracket > 0 ? text.slice(0, bracket).trim() : text).toLowerCase()
}

/** The file column of a header cell, or undefined for a header the server would not recognise. */
export function columnOfHeader(kind: ImportKind, cell: string): FileColumn | undefined {
  const key = headerKey(cell)
  return fileColumns[kind].find((candidate) => [candidate.code, candidate.label, ...candidate.aliases].includes(key))
}
