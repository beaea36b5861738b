// Draws Switchboard's icons (one node fanning out to three: a request routed) as PNGs with no
// image library: a signed-distance raster, 4x4 supersampled, written with node:zlib.
//
//   node --experimental-strip-types scripts/make-icons.ts
//
// Writes resources/icons/: trayTemplate(@2x).png (macOS template: black + alpha), tray-dark(@2x)
// (for light panels), tray-light(@2x) (for dark panels) and icon.png (512 px app icon).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'

type Rgb = [number, number, number]
const outDir = join(import.meta.dirname, '..', 'resources', 'icons')

const hub = [0.2, 0.5]
const leaves = [
  [0.8, 0.2],
  [0.8, 0.5],
  [0.8, 0.8],
]

function segmentDistance(px: number, py: number, [ax, ay]: number[], [bx, by]: number[]): number {
  const dx = bx! - ax!
  const dy = by! - ay!
  const t = Math.max(0, Math.min(1, ((px - ax!) * dx + (py - ay!) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(px - (ax! + t * dx), py - (ay! + t * dy))
}

/** Whether a point of the unit square is on the glyph. */
function onGlyph(x: number, y: number): boolean {
  if (Math.hypot(x - hub[0]!, y - hub[1]!) <= 0.13) return true
  for (const leaf of leaves) {
    if (Math.hypot(x - leaf[0]!, y - leaf[1]!) <= 0.11) return true
    if (segmentDistance(x, y, hub, leaf) <= 0.05) return true
  }
  return false
}

function inRoundedSquare(x: number, y: number, radius: number): boolean {
  const cx = Math.max(radius, Math.min(1 - radius, x))
  const cy = Math.max(radius, Math.min(1 - radius, y))
  return Math.hypot(x - cx, y - cy) <= radius
}

/** RGBA pixels: the glyph in `ink` on a transparent ground, or white on a rounded tile. */
function draw(size: number, ink: Rgb, tile?: Rgb): Buffer {
  const pixels = Buffer.alloc(size * size * 4)
  const n = 4
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let glyph = 0
      let ground = 0
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size
          const y = (py + (sy + 0.5) / n) / size
          if (tile) {
            if (!inRoundedSquare(x, y, 0.2)) continue
            ground++
            if (onGlyph((x - 0.18) / 0.64, (y - 0.18) / 0.64)) glyph++
          } else if (onGlyph(x, y)) glyph++
        }
      }
      const i = (py * size + px) * 4
      const g = glyph / (n * n)
      const color = tile ? mix(tile, ink, ground ? glyph / ground : 0) : ink
      pixels.set([...color, Math.round(255 * (tile ? ground / (n * n) : g))], i)
    }
  }
  return pixels
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return a.map((v, i) => Math.round(v + (b[i]! - v) * t)) as Rgb
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const out = Buffer.alloc(body.length + 8)
  out.writeUInt32BE(data.length, 0)
  body.copy(out, 4)
  out.writeUInt32BE(crc32(body), body.length + 4)
  return out
}

function png(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++)
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

mkdirSync(outDir, { recursive: true })
const trays: [string, Rgb][] = [
  ['trayTemplate', [0, 0, 0]],
  ['tray-dark', [0x1f, 0x23, 0x28]],
  ['tray-light', [0xff, 0xff, 0xff]],
]
for (const [name, ink] of trays) {
  writeFileSync(join(outDir, `${name}.png`), png(16, draw(16, ink)))
  writeFileSync(join(outDir, `${name}@2x.png`), png(32, draw(32, ink)))
}
writeFileSync(join(outDir, 'icon.png'), png(512, draw(512, [0xff, 0xff, 0xff], [0x4f, 0x46, 0xe5])))
console.log(`Wrote icons to ${outDir}`)
