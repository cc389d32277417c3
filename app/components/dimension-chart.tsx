import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, XAxis, YAxis } from "recharts"

// Legend text in the page's ink colour: recharts colours it like its series, which is unreadable for light steps.
const legendText = (value: string) => <span style={{ color: "#1b1f24" }}>{value}</span>

export type ChartRow = { name: string; score: number | null; previous?: number | null }

type DimensionChartProps = {
  rows: ChartRow[]
  label: string
  seriesName: string
  previousName?: string | null
  /** BCP 47 locale for the numbers on the bars (33,3 in Danish) */
  locale: string
}

/**
 * Scores per dimension as horizontal bars, with the previous cycle beside them. Browser-only (recharts draws
 * nothing on the server): the table next to it carries the same numbers for everyone.
 */
export function DimensionChart({ rows, label, seriesName, previousName, locale }: DimensionChartProps) {
  const data = rows.map((row) => ({ ...row, score: row.score ?? 0, previous: row.previous ?? 0 }))
  return (
    <div className="dimension-chart" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 24 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} />
          <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 13 }} />
          {previousName ? <Legend formatter={legendText} /> : null}
          {previousName ? (
            <Bar dataKey="previous" name={previousName} fill="#8a96a3" isAnimationActive={false} />
          ) : null}
          <Bar
            dataKey="score"
            name={seriesName}
            fill="#0b4f6c"
            isAnimationActive={false}
            label={{
              position: "right",
              fontSize: 12,
              formatter: (value: unknown) => Number(value).toLocaleString(locale),
            }}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}
