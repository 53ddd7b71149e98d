// CSV imports into a compound (dry run, then commit) and CSV exports of the parts or people under a node.
import { ApiError, request } from './client'

/** What a file describes: one row per part, or one row per person–part link. */
export type ImportKind = 'parts' | 'people'

/** One problem: `row` is the file's line (as Excel numbers rows), `field` the column code or null. */
export interface RowProblem {
  row: number
  field: string | null
  message: string
}

/** The server's answer to an import: every problem, and what was (or, in a dry run, would be) created. */
export interface ImportReport {
  dry_run: boolean
  rows: number
  valid: number
  errors: RowProblem[]
  /** parts: buildings, units, parts; people: people, links. All zero when a commit is refused. */
  created: Record<string, number>
}

/**
 * POST /api/v1/import/{kind}?node=COMPOUND[&dry_run=1] with the CSV file as the body.
 * Answers the report for a dry run (200), a commit (201) and a refused commit (422); throws for the
 * rest (400 a file the server cannot read, 403, 404, 413, 422 when the node is not a compound).
 */
export async function importCsv(kind: ImportKind, compoundId: number, csv: Blob, dryRun: boolean): Promise<ImportReport> {
  const answer = await request<ImportReport | RefusalBody>('POST', `/api/v1/import/${kind}`, {
    query: { node: compoundId, dry_run: dryRun ? 1 : undefined },
    rawBody: { content: csv, contentType: 'text/csv' },
    answerStatuses: [422],
  })
  // The one 422 that is not a report: the node is not a compound.
  if ('error' in answer) throw new ApiError(422, answer.error.code, answer.error.message, answer.error.field)
  return answer
}

interface RefusalBody {
  error: { code: string; message: string; field?: string }
}

/** GET /api/v1/export/{kind}?node=ID: the CSV text (UTF-8 with BOM, import columns, people masked). */
export function exportCsv(kind: ImportKind, nodeId: number): Promise<string> {
  return request<string>('GET', `/api/v1/export/${kind}`, { query: { node: nodeId }, responseAs: 'text' })
}
