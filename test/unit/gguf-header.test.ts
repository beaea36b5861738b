import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  GgufHeaderError,
  parseGgufHeader,
  readGgufHeader,
} from '../../src/main/core/models/gguf-header.ts'
import { writeTinyLlamaGguf } from '../helpers/gguf-writer.ts'
import { makeTempDir } from '../helpers/temp-dir.ts'

// Builds GGUF header bytes by hand (ggml docs/gguf.md): magic, version, counts, then KV pairs.
function u32(v: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeUInt32LE(v)
  return b
}
function u64(v: number | bigint): Buffer {
  const b = Buffer.alloc(8)
  b.writeBigUInt64LE(BigInt(v))
  return b
}
function str(s: string): Buffer {
  const bytes = Buffer.from(s, 'utf8')
  return Buffer.concat([u64(bytes.length), bytes])
}
const kvString = (key: string, value: string) => Buffer.concat([str(key), u32(8), str(value)])
const kvU32 = (key: string, value: number) => Buffer.concat([str(key), u32(4), u32(value)])
const kvStringArray = (key: string, values: string[]) =>
  Buffer.concat([str(key), u32(9), u32(8), u64(values.length), ...values.map(str)])
const kvF32Array = (key: string, count: number) =>
  Buffer.concat([str(key), u32(9), u32(6), u64(count), Buffer.alloc(count * 4)])

function header(version: number, tensors: number, kvs: Buffer[]): Buffer {
  return Buffer.concat([Buffer.from('GGUF'), u32(version), u64(tensors), u64(kvs.length), ...kvs])
}

const parse = (bytes: Buffer) => parseGgufHeader(bytes, bytes.length, 'model.gguf')

describe('parseGgufHeader', () => {
  it('reads version, counts, and the architecture and name after values it skips', () => {
    const bytes = header(3, 7, [
      kvU32('general.alignment', 32),
      kvStringArray('tokenizer.ggml.tokens', ['<s>', '</s>', 'hello']),
      kvF32Array('tokenizer.ggml.scores', 3),
      kvString('general.architecture', 'qwen2'),
      kvString('general.name', 'Qwen2.5 0.5B Instruct'),
    ])
    expect(parse(bytes)).toEqual({
      version: 3,
      tensorCount: 7,
      kvCount: 5,
      architecture: 'qwen2',
      name: 'Qwen2.5 0.5B Instruct',
    })
  })

  it('reads version 2 files and files without the optional keys', () => {
    expect(parse(header(2, 0, [kvU32('general.alignment', 32)]))).toEqual({
      version: 2,
      tensorCount: 0,
      kvCount: 1,
    })
  })

  it('returns the counts without the keys when they lie beyond the bytes read', () => {
    const bytes = header(3, 1, [
      kvStringArray(
        'tokenizer.ggml.tokens',
        Array.from({ length: 50 }, (_, i) => `t${i}`),
      ),
      kvString('general.architecture', 'llama'),
    ])
    // Only the first 100 bytes of a longer file were read.
    const result = parseGgufHeader(bytes.subarray(0, 100), bytes.length, 'model.gguf')
    expect(result).toEqual({ version: 3, tensorCount: 1, kvCount: 2 })
  })

  it('rejects a file that does not start with GGUF', () => {
    const bytes = Buffer.concat([Buffer.from('GGML'), Buffer.alloc(40)])
    expect(() => parse(bytes)).toThrow(GgufHeaderError)
    expect(() => parse(bytes)).toThrow(/model\.gguf is not a usable GGUF model: .*"GGUF"/)
    expect(() => parse(Buffer.from('<!DOCTYPE html>'))).toThrow(/does not start with "GGUF"/)
    expect(() => parse(Buffer.alloc(2))).toThrow(/only 2 bytes long/)
  })

  it('rejects a file truncated inside the header or the metadata', () => {
    const full = header(3, 1, [kvString('general.architecture', 'llama')])
    expect(() => parse(full.subarray(0, 12))).toThrow(
      /ends inside the GGUF header.*Download it again/,
    )
    expect(() => parse(full.subarray(0, full.length - 3))).toThrow(/ends inside the GGUF metadata/)
  })

  it('rejects unsupported versions, big-endian files and implausible counts', () => {
    expect(() => parse(header(1, 0, []))).toThrow(/version 1/)
    expect(() => parse(header(4, 0, []))).toThrow(/GGUF version 4; versions 2 and 3/)
    const bigEndian = Buffer.concat([
      Buffer.from('GGUF'),
      Buffer.from([0, 0, 0, 3]),
      Buffer.alloc(16),
    ])
    expect(() => parse(bigEndian)).toThrow(/big-endian/)
    const huge = Buffer.concat([Buffer.from('GGUF'), u32(3), u64(1), u64(2n ** 40n)])
    expect(() => parse(huge)).toThrow(/implausible/)
  })

  it('rejects an unknown value type', () => {
    const bytes = header(3, 0, [Buffer.concat([str('x'), u32(99), u32(0)])])
    expect(() => parse(bytes)).toThrow(/unknown value type 99/)
  })
})

describe('readGgufHeader', () => {
  let dir: string
  let cleanup: () => void
  beforeEach(() => ({ dir, cleanup } = makeTempDir()))
  afterEach(() => cleanup())

  it('reads a real GGUF file written by the test writer', async () => {
    const file = join(dir, 'tiny.gguf')
    writeTinyLlamaGguf(file, { name: 'tiny test model' })
    const result = await readGgufHeader(file)
    expect(result).toMatchObject({ version: 3, architecture: 'llama', name: 'tiny test model' })
    expect(result.tensorCount).toBeGreaterThan(0)
  })

  it('names the file in its error', async () => {
    const file = join(dir, 'notes.gguf')
    writeFileSync(file, 'just some text, not a model')
    await expect(readGgufHeader(file)).rejects.toThrow(`${file} is not a usable GGUF model`)
  })
})
