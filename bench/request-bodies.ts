// The request every variant is sent: a system prompt and a question with a fenced file, as an IDE
// sends it, so Switchboard extracts a file name and walks its filename rules before the
// catch-all answers. `fileKb` grows the fenced file, to see how the cost scales with prompt size.

const LINE = (i: number) =>
  `  const value${i} = await pool.request({ path: '/items/${i}' }) // fetch item ${i}`

/** The chat request as JSON text, without and with `stream: true`. */
export function requestBodies(fileKb: number): { plain: string; stream: string } {
  const lines = Math.max(1, Math.round((fileKb * 1024) / LINE(0).length))
  const code = Array.from({ length: lines }, (_, i) => LINE(i)).join('\n')
  const messages = [
    { role: 'system', content: 'You are a careful coding assistant. Answer briefly.'.repeat(8) },
    {
      role: 'user',
      content: `Why does this handler leak connections?\n\n\`\`\`ts src/server/app.ts\n${code}\n\`\`\``,
    },
  ]
  return {
    plain: JSON.stringify({ model: 'switchboard', messages }),
    stream: JSON.stringify({ model: 'switchboard', messages, stream: true }),
  }
}
