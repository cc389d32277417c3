import { expect, test } from "vitest"
import {
  checkUnitMove,
  flattenTree,
  pathIds,
  pathUnder,
  rebasePath,
  type TreeUnit,
} from "~/domain/admin-tree"

const unit = (
  id: number,
  parentId: number | null,
  path: string,
  name = `U${id}`,
  isRetired = false,
): TreeUnit => ({
  id,
  parentId,
  path,
  name,
  code: `C${id}`,
  isRetired,
})
// 1 region > 2 hospital > 3 department > 4 section; 5 another hospital
const region = unit(1, null, "/1/")
const hospital = unit(2, 1, "/1/2/")
const department = unit(3, 2, "/1/2/3/")
const section = unit(4, 3, "/1/2/3/4/")
const other = unit(5, 1, "/1/5/")

test("a unit can move under another branch", () => {
  expect(checkUnitMove(department, other)).toBe("ok")
})

test("a unit cannot move under itself", () => {
  expect(checkUnitMove(hospital, hospital)).toBe("self")
})

test("a unit cannot move under its child or a deeper descendant", () => {
  expect(checkUnitMove(hospital, department)).toBe("descendant")
  expect(checkUnitMove(hospital, section)).toBe("descendant")
  expect(checkUnitMove(region, section)).toBe("descendant")
})

test("a sibling whose id path only shares a prefix of digits is not a descendant", () => {
  const u1 = unit(1, null, "/1/")
  const u12 = unit(12, null, "/12/")
  expect(checkUnitMove(u1, u12)).toBe("ok")
})

test("moving to the current parent changes nothing", () => {
  expect(checkUnitMove(department, hospital)).toBe("unchanged")
  expect(checkUnitMove(region, null)).toBe("unchanged")
})

test("a unit can move to the top of the tree (depth 0)", () => {
  expect(checkUnitMove(hospital, null)).toBe("ok")
})

test("a retired unit is not a parent, and a retired unit does not move", () => {
  expect(checkUnitMove(department, unit(5, 1, "/1/5/", "Old", true))).toBe("retired_parent")
  expect(checkUnitMove(unit(3, 2, "/1/2/3/", "Old", true), other)).toBe("retired_unit")
})

test("paths under a new parent and rebased descendants", () => {
  expect(pathUnder("/1/5/", 3)).toBe("/1/5/3/")
  expect(pathUnder(null, 3)).toBe("/3/")
  expect(rebasePath("/1/2/3/4/", "/1/2/3/", "/1/5/3/")).toBe("/1/5/3/4/")
  expect(() => rebasePath("/9/", "/1/", "/2/")).toThrow()
  expect(pathIds("/1/5/3/")).toEqual([1, 5, 3])
})

test("the tree is flattened parents first, siblings by Danish name order, with depths", () => {
  const list = [
    unit(3, 2, "/1/2/3/", "Åbent afsnit"),
    unit(6, 2, "/1/2/6/", "Zone"),
    unit(2, 1, "/1/2/", "Nord"),
    unit(1, null, "/1/", "Region"),
  ]
  expect(flattenTree(list).map((e) => [e.unit.id, e.depth])).toEqual([
    [1, 0],
    [2, 1],
    [6, 2],
    [3, 2],
  ])
})

test("a unit whose parent is missing from the list still appears, as a root", () => {
  expect(flattenTree([unit(3, 2, "/1/2/3/")]).map((e) => e.unit.id)).toEqual([3])
})
