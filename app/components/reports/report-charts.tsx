// Charts beside the tables. recharts draws only in the browser; the tables next to them carry every number, so
// the charts are hidden from screen readers and left out before JavaScript has loaded.
import { useEffect, useState } from "react"
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts"

// Legend text in the page's ink colour: recharts colours it like its series, which is unreadable for light steps.
const legendText = (value: string) => <span style={{ color: "#1b1f24" }}>{value}</span>

export function useIsHydrated() {
  const [isHydrated, setIsHydrated] = useState(false)
  useEffect(() => setIsHydrated(true), [])
  return isHydrated
}

/** Light to dark blue, the same as the heatmap: readable for colour-blind readers and in grey print. */
export const LEVEL_COLOURS = ["#eef3f9", "#c6dbef", "#6baed6", "#2171b5", "#08306b"]
// Okabe–Ito, told apart by dash pattern as well as colour.
const LINE_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#000000"]
const DASHES = ["", "6 3", "2 2", "8 3 2 3", "1 4", "10 4"]

export function LevelChart({
  data,
  levelNames,
  label,
}: {
  data: ({ name: string } & Record<string, number | string>)[]
  levelNames: string[]
  label: string
}) {
  const isHydrated = useIsHydrated()
  if (!isHydrated) return null
  return (
    <div className="chart" role="img" aria-label={label}>
      <BarChart width={720} height={320} data={data} accessibilityLayer={false} layout="vertical">
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="name" width={200} />
        <Tooltip />
        {/* in level order (l0 … l4), not recharts' default alphabetical order of the names */}
        <Legend formatter={legendText} itemSorter="dataKey" />
        {levelNames.map((name, level) => (
          <Bar
            key={name}
            dataKey={`l${level}`}
            name={name}
            stackId="levels"
            fill={LEVEL_COLOURS[level]}
            stroke="#1b1f24"
            strokeWidth={0.5}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </div>
  )
}

export function TrendChart({
  data,
  series,
  label,
}: {
  data: ({ name: string } & Record<string, number | string | null>)[]
  series: { key: string; name: string }[]
  label: string
}) {
  const isHydrated = useIsHydrated()
  if (!isHydrated) return null
  return (
    <div className="chart" role="img" aria-label={label}>
      <LineChart width={720} height={320} data={data} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="name" />
        <YAxis domain={[0, 100]} />
        <Tooltip />
        <Legend formatter={legendText} />
        {series.map((s, i) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.name}
            stroke={LINE_COLOURS[i % LINE_COLOURS.length]}
            strokeDasharray={DASHES[i % DASHES.length]}
            strokeWidth={2}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </div>
  )
}
