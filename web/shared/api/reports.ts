// The monthly report (GET /api/v1/reports/monthly, src/app/report.cpp): a node's month counted from
// every module's records, as JSON for the print page or as the xlsx the server writes.

import { request } from './client'

/** A number, a text, or null for a share of nothing. */
export type ReportValue = number | string | null

export interface ReportFigure {
  label: string
  value: ReportValue
  unit: string
}

export interface ReportTable {
  title: string
  columns: string[]
  rows: ReportValue[][]
}

export interface ReportSection {
  /** `<module>.<what>`, e.g. `cases.handling`. */
  key: string
  title: string
  figures: ReportFigure[]
  tables: ReportTable[]
}

export interface MonthlyReport {
  node: { id: number; name: string }
  /** YYYY-MM */
  month: string
  title: string
  sections: ReportSection[]
}

function query(nodeId: number, month: string): string {
  return `node=${nodeId}&month=${encodeURIComponent(month)}`
}

export function getMonthlyReport(nodeId: number, month: string): Promise<MonthlyReport> {
  return request<MonthlyReport>('GET', `/api/v1/reports/monthly?format=json&${query(nodeId, month)}`)
}

/** Where the browser downloads the report's spreadsheet (the session cookie goes along). */
export function monthlyReportXlsxUrl(nodeId: number, month: string): string {
  return `/api/v1/reports/monthly?format=xlsx&${query(nodeId, month)}`
}
