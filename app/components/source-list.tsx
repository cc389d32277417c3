/** The named sources under a page of the toolkit. */
export function SourceList({
  heading,
  sources,
}: {
  heading: string
  sources: { title: string; url?: string }[]
}) {
  return (
    <>
      <h2>{heading}</h2>
      <ul>
        {sources.map((s) => (
          <li key={s.title}>{s.url ? <a href={s.url}>{s.title}</a> : s.title}</li>
        ))}
      </ul>
    </>
  )
}
