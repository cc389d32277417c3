import { expect, test } from "vitest"
import { parseEnv } from "~/env.server"
import { isSameOriginRequest } from "../../scripts/http-app.js"

test("PARAT_TRUST_PROXY: off by default, a hop count, a list of proxies, and true is one hop (never all)", () => {
  const trustProxy = (value?: string) => parseEnv({ PARAT_TRUST_PROXY: value }).PARAT_TRUST_PROXY
  expect(trustProxy()).toBe(false)
  expect(trustProxy("false")).toBe(false)
  expect(trustProxy("true")).toBe(1)
  expect(trustProxy("2")).toBe(2)
  expect(trustProxy("loopback, 10.0.0.0/8")).toEqual(["loopback", "10.0.0.0/8"])
  expect(() => trustProxy("everyone please")).toThrow(/PARAT_TRUST_PROXY/)
})

test("PARAT_PUBLIC_ORIGIN must be an http(s) origin without a path", () => {
  const origin = (value?: string) => parseEnv({ PARAT_PUBLIC_ORIGIN: value }).PARAT_PUBLIC_ORIGIN
  expect(origin()).toBeUndefined()
  expect(origin("https://parat.region.dk")).toBe("https://parat.region.dk")
  expect(origin("https://parat.region.dk:8443/")).toBe("https://parat.region.dk:8443/")
  for (const bad of ["https://parat.region.dk/app", "ftp://parat.region.dk", "parat.region.dk"]) {
    expect(() => origin(bad), bad).toThrow(/PARAT_PUBLIC_ORIGIN/)
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
