// A filled handbook template as a Word document (DOCX), written with the `docx` package so it opens in Word and
// LibreOffice alike: title, purpose, then each section with its fields' labels and values.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx"
import type { TemplateView } from "./handbook-templates.server"

export type DocxLabels = { notFilled: string; filledBy: string; sources: string; generated: string }

/** A value's lines as one paragraph with line breaks, so a long answer keeps its shape. */
function valueParagraph(value: string, notFilled: string) {
  if (value.trim() === "")
    return new Paragraph({ children: [new TextRun({ text: notFilled, italics: true, color: "555555" })] })
  const lines = value.split("\n")
  return new Paragraph({
    children: lines.map((line, i) => new TextRun({ text: line, break: i === 0 ? undefined : 1 })),
    spacing: { after: 200 },
  })
}

export async function buildTemplateDocx(template: TemplateView, labels: DocxLabels): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ text: template.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: labels.filledBy })] }),
    new Paragraph({
      children: [new TextRun({ text: template.purpose, italics: true })],
      spacing: { after: 240 },
    }),
  ]
  for (const section of template.sections) {
    children.push(new Paragraph({ text: section.title, heading: HeadingLevel.HEADING_1 }))
    if (section.help)
      children.push(new Paragraph({ children: [new TextRun({ text: section.help, italics: true })] }))
    for (const field of section.fields) {
      children.push(new Paragraph({ text: field.label, heading: HeadingLevel.HEADING_2 }))
      children.push(valueParagraph(field.shown, labels.notFilled))
    }
  }
  children.push(new Paragraph({ text: labels.sources, heading: HeadingLevel.HEADING_2 }))
  for (const source of template.sources)
    children.push(
      new Paragraph({
        text: source.url ? `${source.title} – ${source.url}` : source.title,
        bullet: { level: 0 },
      }),
    )
  children.push(
    new Paragraph({
      children: [new TextRun({ text: labels.generated, size: 16, color: "555555" })],
      alignment: AlignmentType.LEFT,
      spacing: { before: 400 },
    }),
  )
  const doc = new Document({
    creator: "Parat",
    title: template.title,
    description: template.purpose,
    styles: { default: { document: { run: { font: "Calibri", size: 22 } } } },
    sections: [{ properties: {}, children }],
  })
  return Packer.toBuffer(doc)
}
