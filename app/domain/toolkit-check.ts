// Whole-toolkit rules that a schema alone cannot state: every scenario has its four frames and its gates, every
// template has fields, every workshop kit an agenda and materials, every clause cell is filled, references
// resolve, and the Danish citizen pages read plainly. Pure: the content check turns problems into file errors.
import { computeLix, MAX_CITIZEN_LIX } from "./lix"
import { CLAUSE_TOPICS, FRAMES, SCENARIOS, type Toolkit } from "./toolkit-schema"

export type ToolkitProblem = { file: string; needle?: string; path?: string; message: string }

export const SCENARIO_FILE = "handbook/scenarios.yaml"

export function checkToolkit(
  toolkit: Toolkit,
  known: { modules: Set<string>; phases: Set<string> },
): ToolkitProblem[] {
  return [
    ...checkScenarios(toolkit, known.phases),
    ...checkTemplates(toolkit),
    ...checkWorkshops(toolkit, known.modules),
    ...checkProcurement(toolkit),
    ...checkCareers(toolkit, known.modules),
    ...checkCitizen(toolkit),
  ]
}

function checkScenarios(toolkit: Toolkit, phases: Set<string>): ToolkitProblem[] {
  const problems: ToolkitProblem[] = []
  const file = SCENARIO_FILE
  const templates = new Set(toolkit.templates.map((t) => t.slug))
  const gateIds = new Set<string>()
  // No scenario file at all is an absent toolkit (as an absent handbook is); a file must hold all four.
  if (toolkit.scenarios.length === 0) return problems
  for (const key of SCENARIOS)
    if (!toolkit.scenarios.some((s) => s.key === key))
      problems.push({ file, message: `scenario "${key}" is missing` })
  toolkit.scenarios.forEach((s, i) => {
    const needle = `key: ${s.key}`
    if (toolkit.scenarios.findIndex((o) => o.key === s.key) !== i)
      problems.push({
        file,
        needle,
        path: `scenarios.${i}.key`,
        message: `scenario "${s.key}" appears twice`,
      })
    for (const frame of FRAMES)
      if (!s.frames[frame])
        problems.push({
          file,
          needle,
          path: `scenarios.${i}.frames`,
          message: `scenario "${s.key}" has no ${frame} frame (every scenario needs all four: ${FRAMES.join(", ")})`,
        })
    if (s.route.length === 0)
      problems.push({
        file,
        needle,
        path: `scenarios.${i}.route`,
        message: `scenario "${s.key}" has no route`,
      })
    for (const step of s.route)
      if (!phases.has(step.phase))
        problems.push({
          file,
          needle: `phase: ${step.phase}`,
          message: `route step names phase "${step.phase}", which the handbook does not have`,
        })
    if (s.gates.length === 0)
      problems.push({
        file,
        needle,
        path: `scenarios.${i}.gates`,
        message: `scenario "${s.key}" has no go/no-go gate`,
      })
    for (const gate of s.gates) {
      if (gateIds.has(gate.id))
        problems.push({ file, needle: `id: ${gate.id}`, message: `gate "${gate.id}" appears twice` })
      gateIds.add(gate.id)
      if (!s.route.some((step) => step.phase === gate.after))
        problems.push({
          file,
          needle: `id: ${gate.id}`,
          message: `gate "${gate.id}" closes phase "${gate.after}", which is not on the scenario's route`,
        })
      if (gate.evidence.length === 0)
        problems.push({ file, needle: `id: ${gate.id}`, message: `gate "${gate.id}" names no evidence` })
    }
    for (const t of s.templates)
      if (!templates.has(t))
        problems.push({
          file,
          needle,
          message: `scenario "${s.key}" lists template "${t}", which does not exist`,
        })
  })
  return problems
}

function checkTemplates(toolkit: Toolkit): ToolkitProblem[] {
  const problems: ToolkitProblem[] = []
  for (const template of toolkit.templates) {
    const file = `handbook/templates/${template.slug}.yaml`
    const fields = template.sections.flatMap((s) => s.fields)
    if (fields.length === 0)
      problems.push({ file, needle: "sections", message: `template "${template.slug}" has no fields` })
    template.sections.forEach((section, i) => {
      if (section.fields.length === 0)
        problems.push({ file, path: `sections.${i}`, message: "a template section needs at least one field" })
    })
    const seen = new Set<string>()
    for (const field of fields) {
      if (seen.has(field.id))
        problems.push({ file, needle: `id: ${field.id}`, message: `field "${field.id}" appears twice` })
      seen.add(field.id)
    }
  }
  return problems
}

function checkWorkshops(toolkit: Toolkit, modules: Set<string>): ToolkitProblem[] {
  const problems: ToolkitProblem[] = []
  for (const kit of toolkit.workshops) {
    const file = `workshops/${kit.slug}.yaml`
    if (kit.agenda.length === 0)
      problems.push({ file, needle: "slug:", message: "a workshop kit needs an agenda" })
    if (kit.materials.length === 0)
      problems.push({ file, needle: "slug:", message: "a workshop kit needs materials" })
    if (kit.cases.length === 0)
      problems.push({ file, needle: "slug:", message: "a workshop kit needs a case pack" })
    if (kit.debrief.length === 0)
      problems.push({ file, needle: "slug:", message: "a workshop kit needs a debrief" })
    const agendaMinutes = kit.agenda.reduce((sum, a) => sum + a.minutes, 0)
    if (kit.agenda.length > 0 && agendaMinutes !== kit.minutes)
      problems.push({
        file,
        needle: "minutes:",
        message: `the agenda adds up to ${agendaMinutes} minutes, the kit says ${kit.minutes}`,
      })
    for (const m of kit.modules)
      if (!modules.has(m))
        problems.push({
          file,
          needle: m,
          message: `module "${m}" (listed as deepened by this kit) does not exist`,
        })
  }
  return problems
}

function checkProcurement(toolkit: Toolkit): ToolkitProblem[] {
  const problems: ToolkitProblem[] = []
  const library = toolkit.clauses
  if (!library) return problems
  const file = "procurement/clauses.yaml"
  const contracts = new Set(library.contracts.map((c) => c.key))
  for (const scenario of SCENARIOS)
    for (const topic of CLAUSE_TOPICS)
      if (!library.clauses.some((c) => c.scenario === scenario && c.topic === topic))
        problems.push({ file, message: `no clause for scenario "${scenario}" on "${topic}"` })
  for (const clause of library.clauses)
    for (const ref of clause.contracts)
      if (!contracts.has(ref.key))
        problems.push({
          file,
          needle: `key: ${ref.key}`,
          message: `clause maps to contract "${ref.key}", which is not in the contract list`,
        })
  return problems
}

function checkCareers(toolkit: Toolkit, modules: Set<string>): ToolkitProblem[] {
  const problems: ToolkitProblem[] = []
  for (const role of toolkit.careers?.roles ?? [])
    for (const step of role.steps)
      for (const m of step.modules)
        if (!modules.has(m))
          problems.push({
            file: "careers/careers.yaml",
            needle: m,
            message: `career role "${role.slug}" names module "${m}", which does not exist`,
          })
  return problems
}

function checkCitizen(toolkit: Toolkit): ToolkitProblem[] {
  const problems: ToolkitProblem[] = []
  for (const page of toolkit.citizen) {
    const file = `citizen/${page.slug}.yaml`
    for (const part of ["body", "easyRead"] as const) {
      const { lix } = computeLix(page[part].da)
      if (lix >= MAX_CITIZEN_LIX)
        problems.push({
          file,
          needle: `${part}:`,
          path: `${part}.da`,
          message: `the Danish text has LIX ${lix}; a citizen page must stay below ${MAX_CITIZEN_LIX}`,
        })
    }
  }
  return problems
}
