import { expect, test } from "vitest"
import { isSameOriginRequest, readHttpSettings } from "../../scripts/http-app.js"

test("PARAT_TRUST_PROXY: off by default, a hop count, a list of proxies, and true is one hop (never all)", () => {
  expect(readHttpSettings({}).trustProxy).toBe(false)
  expect(readHttpSettings({ PARAT_TRUST_PROXY: "false" }).trustProxy).toBe(false)
  expect(readHttpSettings({ PARAT_TRUST_PROXY: "true" }).trustProxy).toBe(1)
  expect(readHttpSettings({ PARAT_TRUST_PROXY: "2" }).trustProxy).toBe(2)
  expect(readHttpSettings({ PARAT_TRUST_PROXY: "loopback, 10.0.0.0/8" }).trustProxy).toEqual([
    "loopback",
    "10.0.0.0/8",
  ])
})

test("PARAT_PUBLIC_ORIGIN must be an http(s) origin without a path", () => {
  expect(readHttpSettings({}).publicOrigin).toBeNull()
  expect(readHttpSettings({ PARAT_PUBLIC_ORIGIN: "https://parat.region.dk" }).publicOrigin).toBe(
    "https://parat.region.dk",
  )
  expect(readHttpSettings({ PARAT_PUBLIC_ORIGIN: "https://parat.region.dk:8443/" }).publicOrigin).toBe(
    "https://parat.region.dk:8443",
  )
  for (const bad of ["https://parat.region.dk/app", "ftp://parat.region.dk", "parat.region.dk"]) {
    expect(() => readHttpSettings({ PARAT_PUBLIC_ORIGIN: bad }), bad).toThrow()
  }
})

test("a post is same-origin only with our exact Origin, or without one from a same-origin fetch or a non-browser", () => {
  const app = "https://parat.region.dk"
  expect(isSameOriginRequest({ origin: app }, app)).toBe(true)
  expect(isSameOriginRequest({}, app)).toBe(true)
  expect(isSameOriginRequest({ "sec-fetch-site": "same-origin" }, app)).toBe(true)
  expect(isSameOriginRequest({ origin: "null" }, app)).toBe(false)
  expect(isSameOriginRequest({ origin: "http://parat.region.dk" }, app)).toBe(false)
  expect(isSameOriginRequest({ origin: "https://parat.region.dk.evil.example" }, app)).toBe(false)
  expect(isSameOriginRequest({ "sec-fetch-site": "cross-site" }, app)).toBe(false)
  expect(isSameOriginRequest({ "sec-fetch-site": "same-site" }, app)).toBe(false)
})
