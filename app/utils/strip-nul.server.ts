import { Transform } from "node:stream"

/**
 * React 18's streaming renderer flushes its whole 2 KiB buffer when a multi-byte character (æ, ø, å) would straddle
 * its end, so a few zero bytes reach the page ("tærskelv\0ærdier"; facebook/react#24985, fixed only in React 19).
 * A page never holds a real NUL, and 0x00 is never part of a multi-byte UTF-8 character, so dropping every zero byte
 * gives back exactly what React meant to write.
 */
export function createNulStrippingStream() {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? chunk.filter((byte) => byte !== 0) : chunk)
    },
  })
}
