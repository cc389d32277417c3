import { expect, test } from "vitest"
import { checkToolkit } from "~/domain/toolkit-check"
import { FRAMES, SCENARIOS, type Toolkit } from "~/domain/toolkit-schema"

const b = (text: string) => ({ da: text, en: text })
const known = { modules: new Set(["use-foundation"]), phases: new Set(["need", "operation"]) }

function scenario(key: (typeof SCENARIOS)[number]) {
  return {
    key,
    title: b(key),
    summary: b("s"),
    frames: Object.fromEntries(FRAMES.map((f) => [f, b(`${f} text`)])),
    route: [{ phase: "need", note: b("n") }],
    gates: [
      {
        id: `${key}-gate`,
        after: "need",
        title: b("g"),
        question: b("q"),
        owner: b("o"),
        evidence: [b("e")],
        duration: b("2 weeks"),
      },
    ],
    templates: [],
  }
}

function toolkit(overrides: Partial<Toolkit> = {}): Toolkit {
  return {
    scenarios: SCENARIOS.map(scenario) as Toolkit["scenarios"],
    templates: [
      {
        slug: "need-description",
        title: b("t"),
        purpose: b("p"),
        sources: [{ title: "s" }],
        sections: [{ title: b("s"), fields: [{ id: "a", kind: "text", label: b("l"), help: b("h") }] }],
      },
    ],
    workshops: [
      {
        slug: "kit",
        title: b("k"),
        goal: b("g"),
        audience: b("a"),
        minutes: 60,
        modules: ["use-foundation"],
        agenda: [{ minutes: 60, title: b("a"), activity: b("x") }],
        materials: [b("paper")],
        cases: [{ title: b("c"), body: b("c") }],
        debrief: [b("d")],
        sources: [{ title: "s" }],
      },
    ],
    clauses: null,
    roadmap: null,
    guides: [],
    careers: null,
    citizen: [],
    ...overrides,
  }
}

const messages = (t: Toolkit) => checkToolkit(t, known).map((p) => p.message)

test("a complete toolkit has no problems", () => {
  expect(messages(toolkit())).toEqual([])
})

test("a scenario without its legal frame is reported by name", () => {
  const t = toolkit()
  delete (t.scenarios[2]!.frames as Record<string, unknown>).legal
  expect(messages(t)).toEqual([
    'scenario "demo" has no legal frame (every scenario needs all four: organisational, legal, economic, technological)',
  ])
})

test("a missing scenario, a gate without evidence and a route step to an unknown phase are reported", () => {
  const t = toolkit({ scenarios: toolkit().scenarios.filter((s) => s.key !== "solution") })
  t.scenarios[0]!.gates[0]!.evidence = []
  t.scenarios[1]!.route.push({ phase: "no-such-phase", note: b("n") })
  expect(messages(t)).toEqual([
    'scenario "solution" is missing',
    'gate "need-gate" names no evidence',
    'route step names phase "no-such-phase", which the handbook does not have',
  ])
})

test("a template without fields is reported", () => {
  const t = toolkit()
  t.templates[0]!.sections = []
  expect(messages(t)).toEqual(['template "need-description" has no fields'])
})

test("a workshop kit without agenda or materials is reported", () => {
  const t = toolkit()
  t.workshops[0]!.agenda = []
  t.workshops[0]!.materials = []
  expect(messages(t)).toEqual(["a workshop kit needs an agenda", "a workshop kit needs materials"])
})

test("a workshop agenda that does not add up and an unknown module are reported", () => {
  const t = toolkit()
  t.workshops[0]!.minutes = 90
  t.workshops[0]!.modules = ["no-such-module"]
  expect(messages(t)).toEqual([
    "the agenda adds up to 60 minutes, the kit says 90",
    'module "no-such-module" (listed as deepened by this kit) does not exist',
  ])
})

test("a Danish citizen page with long sentences and long words fails the LIX limit", () => {
  const hard =
    "Kunstigintelligensbaserede beslutningsstøttesystemer anvendes efterhånden indenfor diagnostiske specialer, hvorved behandlingsforløbet understøttes af algoritmiske vurderinger, som sundhedspersonalet efterfølgende kvalitetssikrer og dokumenterer i patientjournalen"
  const t = toolkit({
    citizen: [
      {
        slug: "p",
        order: 1,
        title: b("p"),
        easyRead: b("Det er let. Du kan spørge."),
        body: { da: hard, en: "x" },
        sources: [{ title: "s" }],
      },
    ],
  })
  expect(messages(t)).toEqual([
    expect.stringMatching(/^the Danish text has LIX \d+(\.\d)?; a citizen page must stay below 35$/),
  ])
})
