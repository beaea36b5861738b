import type { Settings } from '../../../shared/schemas.ts'
import { NumberField } from './NumberField.tsx'

interface Props {
  settings: Settings
  error: string | null
  onCommit(days: number): void
}

/** How many days request and response bodies are kept for debugging; 0 keeps none. */
export function KeepBodiesSetting({ settings, error, onCommit }: Props) {
  const days = settings.keepRequestBodiesDays
  return (
    <div className="stack">
      <NumberField
        label="Keep request and response bodies (days)"
        hint="0 keeps none (the default). Bodies show in a request's details on the Activity page; headers and keys are never kept."
        value={days}
        min={0}
        max={90}
        step={1}
        error={error}
        onCommit={onCommit}
      />
      {days > 0 && (
        <p className="warning-note small" role="note">
          Your prompts, and the code and files they contain, are stored on this disk in
          Switchboard&apos;s database for {days} {days === 1 ? 'day' : 'days'}. Set 0 to stop and
          delete them.
        </p>
      )}
    </div>
  )
}
