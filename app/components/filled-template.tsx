import { useTranslation } from "react-i18next"
import type { TemplateView } from "~/services/handbook-templates.server"

/** A template with its values as a read-only document: the print page and a colleague's shared view. */
export function FilledTemplate({
  template,
  byline,
  headingLevel,
}: {
  template: TemplateView
  byline: string
  headingLevel: 1 | 2
}) {
  const { t } = useTranslation("toolkit")
  const Title = headingLevel === 1 ? "h1" : "h2"
  const Section = headingLevel === 1 ? "h2" : "h3"
  return (
    <section className="filled" aria-label={headingLevel === 2 ? template.title : undefined}>
      <Title>{template.title}</Title>
      <p className="muted">{byline}</p>
      <p>{template.purpose}</p>
      {template.sections.map((section) => (
        <div key={section.title}>
          <Section>{section.title}</Section>
          <dl>
            {section.fields.map((field) => (
              <div key={field.id}>
                <dt>{field.label}</dt>
                <dd className={field.shown ? undefined : "empty"}>
                  {field.shown || t("template.notFilled")}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </section>
  )
}
