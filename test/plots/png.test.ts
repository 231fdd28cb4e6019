import { describe, expect, it } from 'bun:test'
import { decode } from 'fast-png'
import { inflateSync } from 'node:zlib'
import { encodeRgbaPng } from '../../src/plots/png'

// Pixels that exercise every byte value and both a long and a one-pixel row.
function pixels(width: number, height: number, seed: number): Uint8Array {
  const out = new Uint8Array(width * height * 4)
  let x = seed
  for (let i = 0; i < out.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    out[i] = i % 4 === 3 && i % 12 === 3 ? 0 : x >>> 24
  }
  return out
}

describe('the PNG encoder of heatmap images', () => {
  for (const [w, h] of [[20, 25], [1, 1], [1, 7], [300, 2], [2000, 40]]) {
    it(`gives back the same RGBA pixels through an independent decoder (${w}×${h})`, () => {
      const rgba = pixels(w, h, w * 31 + h)
      const png = decode(encodeRgbaPng(w, h, rgba))
      expect([png.width, png.height, png.channels, png.depth]).toEqual([w, h, 4, 8])
      expect(Buffer.from(png.data as Uint8Array).equals(Buffer.from(rgba))).toBe(true)
    })
  }

  it('writes a zlib stream that zlib itself checks (header and Adler-32)', () => {
    const rgba = pixels(64, 64, 7)
    const png = encodeRgbaPng(64, 64, rgba)
    // IDAT follows the 8-byte signature and the 25-byte IHDR chunk.
    const length = new DataView(png.buffer, png.byteOffset).getUint32(33)
    expect(new TextDecoder().decode(png.subarray(37, 41))).toBe('IDAT')
    const raw = inflateSync(png.subarray(41, 41 + length))
    expect(raw.length).toBe(64 * (64 * 4 + 1))
  })

  it('refuses pixels that do not fill the image', () => {
    expect(() => encodeRgbaPng(3, 3, new Uint8Array(35))).toThrow('36')
  })
})
