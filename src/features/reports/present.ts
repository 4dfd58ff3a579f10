import type { ReportName } from './schemas'

// A report as pages, the API and the CSV show it: its columns (key, heading), rows and chart.
export type ReportRow = Record<string, string | number | null>
export type Report = { name: ReportName; from: string; to: string; columns: [string, string][]; rows: ReportRow[]; chart: { label: string; value: number }[]; chartLabel: string }
