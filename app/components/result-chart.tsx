// The person's scores per area as a plain SVG, drawn on the server: it is there before (and without) JavaScript, and
// the page carries no chart library. The table under it holds the same numbers for screen readers.

export type ResultChartRow = { name: string; score: number | null; previous?: number | null }

type ResultChartProps = {
  rows: ResultChartRow[]
  label: string
  seriesName: string
  previousName?: string | null
  /** BCP 47 locale for the numbers (33,3 in Danish) */
  locale: string
}

const WIDTH = 720
const LABEL_WIDTH = 210
const PLOT_WIDTH = 440
const ROW_HEIGHT = 44
const TOP = 28
const TICKS = [0, 20, 40, 60, 80, 100]
const x = (score: number) => LABEL_WIDTH + (Math.max(0, Math.min(100, score)) / 100) * PLOT_WIDTH

export function ResultChart({ rows, label, seriesName, previousName, locale }: ResultChartProps) {
  const hasPrevious = Boolean(previousName) && rows.some((row) => row.previous != null)
  const height = TOP + rows.length * ROW_HEIGHT + 30
  const number = (value: number) => value.toLocaleString(locale, { maximumFractionDigits: 1 })
  return (
    <svg
      className="result-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      role="img"
      aria-label={label}
      xmlns="http://www.w3.org/2000/svg"
    >
      {TICKS.map((tick) => (
        <g key={tick}>
          <line
            x1={x(tick)}
            x2={x(tick)}
            y1={TOP - 6}
            y2={height - 26}
            stroke="#c9d0d8"
            strokeDasharray="3 3"
          />
          <text x={x(tick)} y={height - 8} textAnchor="middle" fontSize="13" fill="#1b1f24">
            {tick}
          </text>
        </g>
      ))}
      {rows.map((row, i) => {
        const y = TOP + i * ROW_HEIGHT
        const barHeight = hasPrevious ? 16 : 26
        return (
          <g key={row.name}>
            <text
              x={LABEL_WIDTH - 10}
              y={y + ROW_HEIGHT / 2}
              textAnchor="end"
              dominantBaseline="middle"
              fontSize="14"
              fill="#1b1f24"
            >
              {row.name}
            </text>
            {hasPrevious ? (
              <rect
                x={LABEL_WIDTH}
                y={y + 4}
                width={x(row.previous ?? 0) - LABEL_WIDTH}
                height={barHeight}
                fill="#8a96a3"
              />
            ) : null}
            <rect
              x={LABEL_WIDTH}
              y={hasPrevious ? y + 4 + barHeight + 2 : y + 8}
              width={x(row.score ?? 0) - LABEL_WIDTH}
              height={barHeight}
              fill="#0b4f6c"
            />
            <text
              x={x(row.score ?? 0) + 6}
              y={(hasPrevious ? y + 4 + barHeight + 2 : y + 8) + barHeight / 2}
              dominantBaseline="middle"
              fontSize="13"
              fill="#1b1f24"
            >
              {row.score === null ? "–" : number(row.score)}
            </text>
          </g>
        )
      })}
      {hasPrevious ? (
        <g fontSize="13" fill="#1b1f24">
          <rect x={LABEL_WIDTH} y={4} width={12} height={12} fill="#8a96a3" />
          <text x={LABEL_WIDTH + 18} y={14}>
            {previousName}
          </text>
          <rect x={LABEL_WIDTH + 240} y={4} width={12} height={12} fill="#0b4f6c" />
          <text x={LABEL_WIDTH + 258} y={14}>
            {seriesName}
          </text>
        </g>
      ) : null}
    </svg>
  )
}
