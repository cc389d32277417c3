// recharts is about 100 kB of gzip JavaScript: the charts load in their own chunk after the page has hydrated, so
// no page carries it before it is usable. The tables beside each chart carry the same numbers without JavaScript.
import { type ComponentProps, lazy, Suspense } from "react"
import type { LevelChart as LevelChartType, TrendChart as TrendChartType } from "./reports/report-charts"
import { useHydrated } from "./use-hydrated"

const LazyLevelChart = lazy(() => import("./reports/report-charts").then((m) => ({ default: m.LevelChart })))
const LazyTrendChart = lazy(() => import("./reports/report-charts").then((m) => ({ default: m.TrendChart })))

export function LevelChart(props: ComponentProps<typeof LevelChartType>) {
  const isHydrated = useHydrated()
  return isHydrated ? (
    <Suspense fallback={null}>
      <LazyLevelChart {...props} />
    </Suspense>
  ) : null
}

export function TrendChart(props: ComponentProps<typeof TrendChartType>) {
  const isHydrated = useHydrated()
  return isHydrated ? (
    <Suspense fallback={null}>
      <LazyTrendChart {...props} />
    </Suspense>
  ) : null
}
