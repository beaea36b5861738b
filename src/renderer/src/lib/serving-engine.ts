import type { z } from 'zod'
import type { ClassifierStatus } from '../../../shared/models.ts'

type Status = z.infer<typeof ClassifierStatus>

/** Which engine classifies requests now and why, e.g. "lexical (embedding selected, no model installed)". */
export function servingLabel(c: Status): string {
  const configured = c.configuredEngine
  if (c.servingEngine === configured) {
    return configured !== 'lexical' && c.cascade
      ? `${configured}, lexical first when sure`
      : configured
  }
  if (configured === 'lexical') return c.servingEngine
  const runtime = c.runtime[configured]
  const why = !c.activeModels[configured]
    ? 'no model installed'
    : runtime.state === 'error'
      ? 'its model failed to load'
      : runtime.state === 'loading'
        ? 'its model is loading'
        : 'its model is not ready'
  return `${c.servingEngine} (${configured} selected, ${why})`
}
