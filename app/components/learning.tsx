import { useTranslation } from "react-i18next"

/** A labelled progress bar with its numbers in text, so the meaning never rests on the bar alone. */
export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  return (
    <div className="progress">
      <progress value={value} max={Math.max(max, 1)} aria-label={label} />
      <span className="progress__text">{label}</span>
    </div>
  )
}

export function LevelName({ level }: { level: number }) {
  const { t } = useTranslation()
  return <>{t(`levels.${level as 0 | 1 | 2 | 3 | 4}`)}</>
}
