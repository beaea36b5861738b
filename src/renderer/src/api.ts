import type { Api } from '../../shared/contract.ts'
import type { EventMap, EventName } from '../../shared/events.ts'

interface Bridge {
  api: Api
  onEvent(listener: <E extends EventName>(event: E, payload: EventMap[E]) => void): () => void
}

/** The contract as exposed by the preload (the desktop host). */
export const bridge = (window as unknown as { switchboard: Bridge }).switchboard
