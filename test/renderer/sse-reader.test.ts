import { describe, expect, it } from 'vitest'
import {
  parseBlock,
  readSse,
  type SseMessage,
} from '../../src/renderer/src/transport/sse-reader.ts'

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder()
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(enc.encode(c))
      controller.close()
    },
  })
}

describe('readSse', () => {
  it('joins messages split across chunks and skips comments', async () => {
    const got: SseMessage[] = []
    await readSse(
      streamOf([
        ': connected\n\n',
        'event: workspaceActivated\nda',
        'ta: {"name":"a"}\n',
        '\n: ping\n\nevent: x\r\ndata: 1\r\n\r\n',
      ]),
      (m) => got.push(m),
    )
    expect(got).toEqual([
      { event: 'workspaceActivated', data: '{"name":"a"}' },
      { event: 'x', data: '1' },
    ])
  })

  it('joins multi-line data and defaults the event name', () => {
    expect(parseBlock('data: a\ndata: b')).toEqual({ event: 'message', data: 'a\nb' })
    expect(parseBlock(': only a comment')).toBeNull()
  })
})
