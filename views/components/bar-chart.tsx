// A bar chart drawn on the server as SVG: no chart library in the browser, nothing to load.
// Readable without colour: every bar has its value in its tooltip, the axis says the scale,
// and the same numbers are in a table under "Show the numbers" (for screen readers too).
export type Bar = { label: string; value: number }

const WIDTH = 600
const HEIGHT = 160
const LEFT = 32
const BOTTOM = 20

// Labels are dates by default (the axis shows "MM-DD"); `keyLabel` names them in the table, and
// `summable` says whether "in all" means anything (a count does, a rate does not).
export function BarChart(props: { id: string; title: string; bars: Bar[]; labelEvery?: number; valueLabel: string; keyLabel?: string; tick?: (label: string) => string; summable?: boolean }) {
  const { id, title, bars, labelEvery = 5, valueLabel, keyLabel = 'Day', tick = (label: string) => label.slice(5), summable = true } = props
  const max = Math.max(1, ...bars.map((b) => b.value))
  const plotW = WIDTH - LEFT
  const plotH = HEIGHT - BOTTOM
  const step = plotW / Math.max(1, bars.length)
  const total = bars.reduce((n, b) => n + b.value, 0)
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="none">
        <desc id={`${id}-desc`}>
          {`${bars.length} bars, from ${bars[0]?.label ?? ''} to ${bars.at(-1)?.label ?? ''}; ${summable ? `${total} ${valueLabel} in all, ` : ''}at most ${max} in one.`}
        </desc>
        <line x1={LEFT} y1={plotH} x2={WIDTH} y2={plotH} class="chart-axis" />
        <text x={LEFT - 4} y={10} class="chart-tick" text-anchor="end">
          {max}
        </text>
        <text x={LEFT - 4} y={plotH} class="chart-tick" text-anchor="end">
          0
        </text>
        {bars.map((b, i) => {
          const h = (b.value / max) * (plotH - 8)
          return (
            <g>
              <rect x={LEFT + i * step + 1} y={plotH - h} width={Math.max(1, step - 2)} height={h} class="chart-bar">
                <title>{`${b.label}: ${b.value} ${valueLabel}`}</title>
              </rect>
              {i % labelEvery === 0 ? (
                <text x={LEFT + i * step + step / 2} y={HEIGHT - 4} class="chart-tick" text-anchor="middle">
                  {tick(b.label)}
                </text>
              ) : null}
            </g>
          )
        })}
      </svg>
      <details>
        <summary>Show the numbers</summary>
        <table>
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{keyLabel}</th>
              <th scope="col">{valueLabel}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b) => (
              <tr>
                <th scope="row">{b.label}</th>
                <td>{b.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
