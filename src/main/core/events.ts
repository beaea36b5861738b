import { EventEmitter } from 'node:events'
import type { EventMap, EventName } from '../../shared/events.ts'

export type Listener = <E extends EventName>(event: E, payload: EventMap[E]) => void

/** The core's push events; transports (IPC, SSE) subscribe to everything with `onAny`. */
export function createEventBus() {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  return {
    emit<E extends EventName>(event: E, payload: EventMap[E]): void {
      emitter.emit('event', event, payload)
    },
    /** Subscribes to every event; returns the unsubscribe function. */
    onAny(listener: Listener): () => void {
      emitter.on('event', listener)
      return () => emitter.off('event', listener)
    },
  }
}

export type EventBus = ReturnType<typeof createEventBus>
