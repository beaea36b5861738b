import { open } from 'node:fs/promises'

// Reads the start of a GGUF file (ggml docs/gguf.md): magic "GGUF", uint32 version, uint64 tensor
// count, uint64 metadata KV count, then the KV pairs. Little-endian only, like llama.cpp's default.

export interface GgufHeader {
  version: 2 | 3
  tensorCount: number
  kvCount: number
  /** `general.architecture`, when it appears within the bytes read (llama.cpp writes it first). */
  architecture?: string
  /** `general.name`, when it appears within the bytes read. */
  name?: string
}

const MAGIC = 0x46554747 // "GGUF" read as a little-endian uint32
const HEADER_BYTES = 24
const DEFAULT_WINDOW = 256 * 1024
// Far above any real model; a larger count means the bytes are not a GGUF header.
const MAX_KV = 100_000
const MAX_TENSORS = 10_000_000

const TYPE_STRING = 8
const TYPE_ARRAY = 9
const FIXED_SIZES: Record<number, number> = {
  0: 1, // uint8
  1: 1, // int8
  2: 2, // uint16
  3: 2, // int16
  4: 4, // uint32
  5: 4, // int32
  6: 4, // float32
  7: 1, // bool
  10: 8, // uint64
  11: 8, // int64
  12: 8, // float64
}

/** Reads a GGUF file's header (and `general.architecture`/`general.name` if cheap); throws if it is not GGUF. */
export async function readGgufHeader(
  file: string,
  windowBytes = DEFAULT_WINDOW,
): Promise<GgufHeader> {
  const handle = await open(file, 'r')
  try {
    const { size } = await handle.stat()
    const length = Math.min(size, windowBytes)
    const bytes = Buffer.alloc(length)
    const { bytesRead } = await handle.read(bytes, 0, length, 0)
    return parseGgufHeader(bytes.subarray(0, bytesRead), size, file)
  } finally {
    await handle.close()
  }
}

class OutOfBytes extends Error {}

/** A file that is not a readable GGUF model; `detail` says why in a few words. */
export class GgufHeaderError extends Error {
  readonly detail: string

  constructor(message: string, detail: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'GgufHeaderError'
    this.detail = detail
  }
}

/** Parses a GGUF header from the first bytes of a file of `fileSize` bytes. */
export function parseGgufHeader(bytes: Buffer, fileSize: number, label = 'the file'): GgufHeader {
  const fail = (detail: string, advice: string) =>
    new GgufHeaderError(`${label} is not a usable GGUF model: ${detail}. ${advice}`, detail)
  const choose = 'Choose a .gguf file made by llama.cpp.'
  const again = 'Download it again.'
  if (bytes.length < 4) throw fail(`it is only ${fileSize} bytes long`, choose)
  if (bytes.readUInt32LE(0) !== MAGIC) throw fail('it does not start with "GGUF"', choose)
  if (bytes.length < HEADER_BYTES) throw fail('it ends inside the GGUF header', again)
  const version = bytes.readUInt32LE(4)
  if (version === 1) {
    throw fail('it uses GGUF version 1, which llama.cpp no longer reads', 'Get a newer conversion.')
  }
  if (version !== 2 && version !== 3) {
    const swapped = bytes.readUInt32BE(4)
    throw swapped === 2 || swapped === 3
      ? fail('it is a big-endian GGUF', 'Get the little-endian file.')
      : fail(`it has GGUF version ${version}; versions 2 and 3 are supported`, choose)
  }
  const tensorCount = bytes.readBigUInt64LE(8)
  const kvCount = bytes.readBigUInt64LE(16)
  if (tensorCount > BigInt(MAX_TENSORS) || kvCount > BigInt(MAX_KV)) {
    throw fail('its header counts are implausible (damaged file?)', again)
  }
  const header: GgufHeader = {
    version: version as 2 | 3,
    tensorCount: Number(tensorCount),
    kvCount: Number(kvCount),
  }
  const wholeFile = bytes.length >= fileSize
  try {
    readWantedKeys(bytes, header)
  } catch (err) {
    if (!(err instanceof OutOfBytes)) throw fail((err as Error).message, again)
    // Past the window only means the keys were not found cheaply; past the end means truncation.
    if (wholeFile) throw fail('it ends inside the GGUF metadata', again)
  }
  return header
}

function readWantedKeys(bytes: Buffer, header: GgufHeader): void {
  let pos = HEADER_BYTES
  const need = (n: number) => {
    if (pos + n > bytes.length) throw new OutOfBytes()
  }
  const u32 = () => {
    need(4)
    const v = bytes.readUInt32LE(pos)
    pos += 4
    return v
  }
  const u64 = () => {
    need(8)
    const v = bytes.readBigUInt64LE(pos)
    pos += 8
    if (v > BigInt(bytes.length)) throw new OutOfBytes()
    return Number(v)
  }
  const str = () => {
    const len = u64()
    need(len)
    const s = bytes.toString('utf8', pos, pos + len)
    pos += len
    return s
  }
  const skipValue = (type: number, depth: number): void => {
    if (type === TYPE_STRING) {
      const len = u64()
      need(len)
      pos += len
      return
    }
    if (type === TYPE_ARRAY) {
      if (depth > 4) throw new Error('its metadata nests arrays too deeply')
      const elementType = u32()
      const count = u64()
      const fixed = FIXED_SIZES[elementType]
      if (fixed !== undefined) {
        need(fixed * count)
        pos += fixed * count
        return
      }
      for (let i = 0; i < count; i++) skipValue(elementType, depth + 1)
      return
    }
    const fixed = FIXED_SIZES[type]
    if (fixed === undefined) throw new Error(`its metadata has an unknown value type ${type}`)
    need(fixed)
    pos += fixed
  }
  for (let i = 0; i < header.kvCount; i++) {
    const key = str()
    const type = u32()
    if ((key === 'general.architecture' || key === 'general.name') && type === TYPE_STRING) {
      const value = str()
      if (key === 'general.architecture') header.architecture = value
      else header.name = value
      if (header.architecture !== undefined && header.name !== undefined) return
    } else {
      skipValue(type, 0)
    }
  }
}
