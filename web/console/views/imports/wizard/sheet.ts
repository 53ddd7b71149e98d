// A spreadsheet as the import works with it: rows of text cells, each with the line number Excel and the
// server give it. Reads a CSV file (UTF-8 or GBK, as Excel in China saves it) and writes rows as CSV.

/** One non-blank row; `line` is 1-based and counts blank lines, as the server's row numbers do. */
export interface SheetRow {
  line: number
  cells: string[]
}

export interface Sheet {
  /** The first non-blank row. */
  header: SheetRow
  rows: SheetRow[]
}

/** The rows of a file as a Sheet; null when it has no non-blank row at all. */
export function sheetOf(rows: SheetRow[]): Sheet | null {
  const [header, ...data] = rows
  return header ? { header, rows: data } : null
}

/**
 * The records of RFC 4180 text (quotes, doubled quotes, line breaks inside quotes; CRLF, LF or CR
 * line ends), blank records skipped but counted, a leading BOM ignored. Malformed quoting is read
 * leniently: the preview shows what it can and the server names the line that is wrong.
 */
export function parseCsv(source: string): SheetRow[] {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source
  const rows: SheetRow[] = []
  let cells: string[] = []
  let cell = ''
  let inQuotes = false
  let line = 1
  let recordLine = 1
  const endRecord = () => {
    cells.push(cell)
    if (cells.some((value) => value.trim() !== '')) rows.push({ line: recordLine, cells })
    cells = []
    cell = ''
  }
  for (let at = 0; at < text.length; at++) {
    const char = text[at]
    const next = text[at + 1]
    const isLineEnd = char === '\n' || (char === '\r' && next !== '\n')
    if (inQuotes) {
      if (char === '"' && next === '"') {
        cell += '"'
        at++
      } else if (char === '"') {
        inQuotes = false
      } else {
        cell += char
        if (isLineEnd) line++
      }
    } else if (char === '"' && cell === '') {
      inQuotes = true
    } else if (char === ',') {
      cells.push(cell)
      cell = ''
    } else if (char === '\r' || char === '\n') {
      if (isLineEnd) {
        endRecord()
        line++
        recordLine = line
      }
    } else {
      cell += char
    }
  }
  if (cell !== '' || cells.length > 0) endRecord()
  return rows
}

/** The text of a CSV file: UTF-8 when its bytes are valid UTF-8, otherwise GB18030 (a superset of GBK). */
export function decodeCsv(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/**
 * CSV text with one line per spreadsheet row from 1 to the last, blank rows included, so the line
 * numbers the server reports are the row numbers the user sees in Excel. Cells must hold no line
 * break, which would move every later row down a line.
 */
export function csvOfRows(rows: SheetRow[]): string {
  const byLine = new Map(rows.map((row) => [row.line, row.cells]))
  const lastLine = rows.reduce((last, row) => Math.max(last, row.line), 0)
  const lines: string[] = []
  for (let line = 1; line <= lastLine; line++) lines.push((byLine.get(line) ?? []).map(csvField).join(','))
  return lines.join('\r\n') + '\r\n'
}
