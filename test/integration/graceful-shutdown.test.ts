import { describe, expect, it } from 'vitest'
import { startMuxWorld } from '../helpers/mux-setup.ts'

describe('shutting down', () => {
  it('lets an in-flight stream finish, then refuses new connections', async () => {
    const w = await startMuxWorld()
    try {
      await w.t.core.api.setCatchAll({
        name: 'default',
        catchAll: { target: { provider: 'oai', model: 'gpt-4o' } },
      })
      w.openaiUp.behaviour.pieceDelayMs = 40
      const stream = await w.openai.chat.completions.create({
        model: 'm',
        messages: [{ role: 'user', content: 'bye' }],
        stream: true,
      })
      let text = ''
      let closing: Promise<void> | undefined
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? ''
        closing ??= w.t.core.close()
      }
      expect(text).toBe('Hello from the fake upstream (echo: bye)')
      await closing
      await expect(fetch(w.t.url + '/health')).rejects.toThrow()
    } finally {
      await w.close()
    }
  })
})
