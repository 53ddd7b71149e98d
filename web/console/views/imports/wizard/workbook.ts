// xlsx in the browser with exceljs, loaded only when a workbook is read or written so that it never
// weighs on the console's first screen: the first worksheet as sheet rows, and sheet rows as a download.
// Lists' exports (composables/list-export.ts) write their workbooks with the same two steps.
import type { CellValue, Workbook } from 'exceljs'
import type { SheetRow } from './sheet'

export async function newWorkbook(): Promise<Workbook> {
  const exceljs = await import('exceljs')
  return new exceljs.default.Workbook()
}

/** Excel stores 87.35 as the nearest double; 15 significant digits give back what the user typed. */
function numberText(value: number): string {
  return String(Number(value.toPrecision(15)))
}

/** What a cell shows, as the server should read it; line breaks become spaces (see csvOfRows). */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return numberText(value)
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (typeof value === 'string') return value.replace(/\r\n|\r|\n/g, ' ')
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if ('richText' in value) return cellText(value.richText.map((part) => part.text).join(''))
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result ?? null)
  if ('hyperlink' in value) return cellText(value.text)
  return value.error
}

/** The non-blank rows of the workbook's first worksheet, numbered as Excel numbers them. */
export async function readFirstWorksheet(file: Blob): Promise<SheetRow[]> {
  const workbook = await newWorkbook()
  await workbook.xlsx.load(await file.arrayBuffer())
  const worksheet = workbook.worksheets[0]
  if (!worksheet) return []
  const rows: SheetRow[] = []
  worksheet.eachRow((row, line) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, column) => (cells[column - 1] = cellText(cell.value).trim()))
    const filled = Array.from(cells, (cell) => cell ?? '')
    if (filled.some((cell) => cell !== '')) rows.push({ line, cells: filled })
  })
  return rows
}

export interface WorkbookContent {
  sheetName: string
  header: string[]
  rows: string[][]
  /** Columns written as number cells, so that Excel sums and sorts them. */
  numericColumns: ReadonlySet<number>
}

/** Builds an xlsx of one worksheet (bold, frozen header) and has the browser download it as `fileName`. */
export async function downloadWorkbook(fileName: string, content: WorkbookContent): Promise<void> {
  const workbook = await newWorkbook()
  const worksheet = workbook.addWorksheet(content.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] })
  worksheet.addRow(content.header).font = { bold: true }
  const cellValue = (cell: string, column: number) => {
    const number = Number(cell)
    return content.numericColumns.has(column) && cell !== '' && Number.isFinite(number) ? number : cell
  }
  for (const cells of content.rows) worksheet.addRow(cells.map(cellValue))
  worksheet.columns.forEach((sheetColumn, column) => {
    const widest = Math.max(...[content.header, ...content.rows].map((cells) => (cells[column] ?? '').length))
    sheetColumn.width = Math.min(40, Math.max(8, widest * 2 + 2))
  })
  await saveWorkbook(workbook, fileName)
}

/** Has the browser download the workbook as `fileName`. */
export async function saveWorkbook(workbook: Workbook, fileName: string): Promise<void> {
  const bytes = await workbook.xlsx.writeBuffer()
  const url = URL.createObjectURL(
    new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  )
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  // The download has started from the URL once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
