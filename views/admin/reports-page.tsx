import { REPORTS, REPORT_TITLES, type ReportName } from '../../src/features/reports/schemas'
import type { Report } from '../../src/features/reports/present'
import { BarChart } from '../components/bar-chart'
import { FilterInput, FilterSelect, tableHref, type TableState } from '../components/data-table'
import { Notices } from '../components/form'

const RATE_COLUMNS = new Set(['utilisation', 'no_show_rate', 'cancellation_rate'])
const shown = (column: string, value: string | number | null) => (value === null ? '—' : RATE_COLUMNS.has(column) ? `${(Number(value) * 100).toFixed(1)} %` : String(value))

// A report: which one, the date range, a chart drawn on the server, the numbers, and the CSV.
export function ReportsPage({ report, state, clinics, error }: { report: Report; state: TableState; clinics: { id: string; name: string }[]; error?: string }) {
  const base = '/admin/reports'
  const byName = report.name === 'utilisation' || (report.name === 'outcomes' && state.by !== 'week')
  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">Reports</h1>
      <nav aria-label="Reports" class="tabs">
        {REPORTS.map((name) => (
          <a href={tableHref(base, { ...state, report: name })} aria-current={name === report.name ? 'page' : undefined}>
            {REPORT_TITLES[name]}
          </a>
        ))}
      </nav>
      <Notices error={error} />
      <form method="get" action={base} class="filters" aria-label="Report range">
        <input type="hidden" name="report" value={report.name} />
        <FilterInput name="from" label="From" type="date" value={report.from} />
        <FilterInput name="to" label="Until" type="date" value={report.to} />
        {report.name === 'outcomes' ? <FilterSelect name="by" label="Grouped by" value={state.by ?? 'week'} options={[['week', 'Week'], ['doctor', 'Doctor'], ['specialty', 'Specialty']]} /> : null}
        {clinics.length ? <FilterSelect name="clinic" label="Clinic" value={state.clinic} options={[['', 'All'], ...clinics.map((c): [string, string] => [c.id, c.name])]} /> : null}
        <p class="actions">
          <button type="submit">Show</button> <a href={tableHref(`/api/v1/admin/reports/${report.name}.csv`, { ...state, report: undefined, from: report.from, to: report.to })}>Download CSV</a>
        </p>
      </form>
      <h2>
        {REPORT_TITLES[report.name as ReportName]}, {report.from} to {report.to} (UTC)
      </h2>
      {report.rows.length === 0 ? (
        <p class="empty">Nothing in this range.</p>
      ) : (
        <>
          <BarChart id="report-chart" title={`${REPORT_TITLES[report.name as ReportName]} (${report.chartLabel})`} bars={report.chart} valueLabel={report.chartLabel} labelEvery={byName ? 1 : Math.max(1, Math.ceil(report.chart.length / 8))} keyLabel={report.columns[0]![1]} tick={byName || report.name === 'lead-time' ? (l) => (l.length > 12 ? `${l.slice(0, 11)}…` : l) : undefined} summable={report.name === 'lead-time' || report.name === 'new-patients'} />
          <div class="table-wrap" tabindex={0} role="region" aria-label="The report's numbers (scrolls sideways)">
            <table class="cards-narrow">
              <caption>{REPORT_TITLES[report.name as ReportName]}</caption>
              <thead>
                <tr>
                  {report.columns.map(([, label]) => (
                    <th scope="col">{label}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.rows.map((row) => (
                  <tr>
                    {report.columns.map(([key, label], i) =>
                      i === 0 ? (
                        <th scope="row">{shown(key, row[key] ?? null)}</th>
                      ) : (
                        <td data-label={label}>{shown(key, row[key] ?? null)}</td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}
