import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EventBus } from '../events.ts'

const HEARTBEAT_MS = 25_000

/** Server-Sent Events: every core event as `event: <name>` with a JSON `data:` line. */
export function streamEvents(
  req: IncomingMessage,
  res: ServerResponse,
  events: EventBus,
  open: Set<ServerResponse>,
): void {
  open.add(res)
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
  })
  res.write(': connected\n\n')
  const unsubscribe = events.onAny((event, payload) => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)
  })
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS)
  heartbeat.unref()
  const close = () => {
    open.delete(res)
    clearInterval(heartbeat)
    unsubscribe()
  }
  req.on('close', close)
  res.on('close', close)
}
