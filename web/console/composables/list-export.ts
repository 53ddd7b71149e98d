// A list written to an xlsx as the page shows it: every page of its current query (up to exportRowCap
// rows), a header of the column titles, moments to the minute and days as Excel dates in the street's time.
import type { Page } from '@shared/api/client'
import { formatDate, formatDateTime, streetToday } from '@shared/format'
import type { TableColumn } from '../components/ColumnsTable.vue'
import { newWorkbook, saveWorkbook } from '../views/imports/wizard/workbook'

/** Beyond this many rows a browser tab strains; the export says it stopped there. */
export const exportRowCap = 20_000

export interface ExportColumn<Row> {
  title: string
  /** The value as the page shows it (a name masked as shown). */
  value: (row: Row) => unknown
  shows?: 'time' | 'date'
}

export interface ListExport<Row> {
  /** The list's name and, if it is of one node, the node's name: together with today they name the file. */
  name: string
  nodeName?: string
  columns: readonly ExportColumn<Row>[]
  /** A page of the query the page shows: the first for a null cursor. */
  loadPage: (cursor: string | null) => Promise<Page<Row>>
}

/**
 * The export columns of a ColumnsTable's columns: each titled as the table titles it and valued by the
 * row's field under its key, unless `values` says how the page draws that column in a slot.
 */
export function exportColumns<Row extends object, Key extends string>(
  columns: readonly TableColumn<Key>[],
  title: (labelKey: string) => string,
  values: Partial<Record<Key, (row: Row) => unknown>> = {},
): ExportColumn<Row>[] {
  return columns.map((column) => ({
    title: title(column.labelKey),
    value: values[column.key] ?? ((row: Row) => (row as Record<string, unknown>)[column.key]),
    shows: column.shows,
  }))
}

/** A list the server answers whole, as one page. */
export function wholeList<Row>(load: () => Promise<Row[]>): (cursor: string | null) => Promise<Page<Row>> {
  return async () => ({ items: await load(), next_cursor: null })
}

const shownDay = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?$/

/** The street's wall-clock time as a Date Excel shows unchanged (exceljs writes Dates as UTC). */
function streetDate(text: string): Date | string {
  const parts = shownDay.exec(text)
  if (!parts) return text
  const [year, month, day, hour, minute] = parts.slice(1).map((part) => Number(part ?? 0))
  return new Date(Date.UTC(year!, month! - 1, day!, hour, minute))
}

function cellOf(value: unknown, shows: ExportColumn<unknown>['shows']): string | number | Date {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return value
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (typeof value !== 'string') return JSON.stringify(value)
  if (!shows || !value) return value
  return streetDate(shows === 'time' ? formatDateTime(value) : formatDate(value))
}

async function rowsOf<Row>(list: ListExport<Row>, onProgress: (rows: number) => void) {
  const rows: Row[] = []
  let cursor: string | null = null
  do {
    const page: Page<Row> = await list.loadPage(cursor)
    rows.push(...page.items)
    cursor = page.next_cursor
    onProgress(Math.min(rows.length, exportRowCap))
  } while (cursor && rows.length < exportRowCap)
  return { rows: rows.slice(0, exportRowCap), cut: rows.length > exportRowCap || cursor !== null }
}

/** `服务事项-德胜新村-2026-12-06.xlsx` */
export function exportFileName(list: Pick<ListExport<unknown>, 'name' | 'nodeName'>, today = streetToday()): string {
  return `${[list.name, list.nodeName, today].filter(Boolean).join('-')}.xlsx`
}

/** Fetches the list, writes it and has the browser download it; answers how many rows and whether cut. */
export async function exportList<Row>(list: ListExport<Row>, onProgress: (rows: number) => void) {
  const { rows, cut } = await rowsOf(list, onProgress)
  const workbook = await newWorkbook()
  const worksheet = workbook.addWorksheet(list.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] })
  worksheet.columns = list.columns.map((column) => ({
    width: column.shows === 'time' ? 18 : column.shows === 'date' ? 12 : Math.min(40, Math.max(10, column.title.length * 2 + 2)),
    style: column.shows ? { numFmt: column.shows === 'time' ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd' } : {},
  }))
  worksheet.addRow(list.columns.map((column) => column.title)).font = { bold: true }
  for (const row of rows) worksheet.addRow(list.columns.map((column) => cellOf(column.value(row), column.shows)))
  await saveWorkbook(workbook, exportFileName(list))
  return { rows: rows.length, cut }
}
