import type { DragEvent, KeyboardEvent } from 'react'
import type { Rule } from '../../../shared/schemas.ts'
import { changeKind, type DraftRule } from '../lib/rule-draft.ts'
import { usePersonas } from '../stores/personas.ts'
import { FallbackList } from './FallbackList.tsx'
import { ModelPicker } from './ModelPicker.tsx'
import { TokenCountInput } from './TokenCountInput.tsx'

interface Props {
  rule: DraftRule
  index: number
  count: number
  error: string | null
  dragging: boolean
  dropTarget: boolean
  onChange(rule: DraftRule): void
  onMove(to: number): void
  onRemove(): void
  onDragStart(): void
  onDragOver(): void
  onDrop(): void
  onDragEnd(): void
}

const kindLabels: Record<Rule['kind'], string> = {
  filename: 'File name',
  persona: 'Persona',
  'request-type': 'Request type',
  model: 'Requested model',
  context: 'Context size',
  thinking: 'Asks for thinking',
  images: 'Has images',
  tools: 'Offers tools',
}

/** One ordered rule. Drag the handle, or focus it and press Alt+↑/↓, to reorder. */
export function RuleRow(props: Props) {
  const { rule, index, count, onChange } = props
  const personas = usePersonas((s) => s.personas)
  const n = index + 1

  function onHandleKey(e: KeyboardEvent) {
    if (e.key === 'ArrowUp' && index > 0) {
      e.preventDefault()
      props.onMove(index - 1)
    } else if (e.key === 'ArrowDown' && index < count - 1) {
      e.preventDefault()
      props.onMove(index + 1)
    }
  }
  const dragOver = (e: DragEvent) => {
    e.preventDefault()
    props.onDragOver()
  }

  return (
    <li
      className={`rule ${props.dragging ? 'dragging' : ''} ${props.dropTarget ? 'drop-target' : ''}`}
      aria-label={`Rule ${n}`}
      data-rule-key={rule.key}
      onDragOver={dragOver}
      onDrop={(e) => {
        e.preventDefault()
        props.onDrop()
      }}
    >
      <button
        type="button"
        className="drag-handle"
        draggable
        aria-label={`Move rule ${n} (arrow keys)`}
        title="Drag, or focus and press ↑/↓, to reorder"
        onDragStart={(e) => {
          e.dataTransfer.effectAllowed = 'move'
          e.dataTransfer.setData('text/plain', String(index))
          props.onDragStart()
        }}
        onDragEnd={props.onDragEnd}
        onKeyDown={onHandleKey}
      >
        ⠿
      </button>
      <span className="rule-index">{n}</span>
      <div className="stack">
        <div className="rule-fields">
          <label className="field">
            <span>When</span>
            <select
              aria-label={`Rule ${n} kind`}
              value={rule.kind}
              onChange={(e) => onChange(changeKind(rule, e.target.value as Rule['kind']))}
            >
              {Object.entries(kindLabels).map(([k, l]) => (
                <option key={k} value={k}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          {rule.kind === 'filename' && (
            <label className="field">
              <span>matches</span>
              <input
                aria-label={`Rule ${n} pattern`}
                className="mono"
                placeholder=".tsx, *.py, src/**/test_*"
                value={rule.pattern}
                onChange={(e) => onChange({ ...rule, pattern: e.target.value })}
              />
            </label>
          )}
          {rule.kind === 'persona' && (
            <label className="field">
              <span>is</span>
              <select
                aria-label={`Rule ${n} persona`}
                value={rule.persona}
                onChange={(e) => onChange({ ...rule, persona: e.target.value })}
              >
                <option value="">{personas.length ? 'Pick a persona…' : 'No personas yet'}</option>
                {personas.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {rule.kind === 'model' && (
            <label className="field">
              <span>matches</span>
              <input
                aria-label={`Rule ${n} model pattern`}
                className="mono"
                placeholder="*haiku*, gpt-4o-mini"
                value={rule.pattern}
                onChange={(e) => onChange({ ...rule, pattern: e.target.value })}
              />
            </label>
          )}
          {rule.kind === 'context' && (
            <label className="field">
              <span>at least (tokens)</span>
              <TokenCountInput
                label={`Rule ${n} minimum tokens`}
                value={rule.minTokens}
                invalid={!!props.error && !(Number.isInteger(rule.minTokens) && rule.minTokens > 0)}
                onChange={(minTokens) => onChange({ ...rule, minTokens })}
              />
            </label>
          )}
          {rule.kind === 'tools' && (
            <label className="field">
              <span>named (optional)</span>
              <input
                aria-label={`Rule ${n} tool name`}
                className="mono"
                placeholder="any tool, or web_search"
                value={rule.tool ?? ''}
                onChange={(e) => onChange({ ...rule, tool: e.target.value })}
              />
            </label>
          )}
          {rule.kind === 'request-type' && (
            <label className="field">
              <span>is</span>
              <select
                aria-label={`Rule ${n} request type`}
                value={rule.requestType}
                onChange={(e) =>
                  onChange({ ...rule, requestType: e.target.value as 'chat' | 'fim' })
                }
              >
                <option value="fim">Fill-in-the-middle (autocomplete)</option>
                <option value="chat">Chat</option>
              </select>
            </label>
          )}
          {(rule.kind === 'filename' || rule.kind === 'persona') && (
            <label className="field">
              <span>for</span>
              <select
                aria-label={`Rule ${n} request type`}
                value={rule.requestType}
                onChange={(e) =>
                  onChange({ ...rule, requestType: e.target.value as 'chat' | 'fim' | 'any' })
                }
              >
                <option value="any">Any request</option>
                <option value="chat">Chat only</option>
                <option value="fim">Autocomplete only</option>
              </select>
            </label>
          )}
          <div className="field wide">
            <span>route to</span>
            <ModelPicker
              label={`Rule ${n} target model`}
              value={rule.target.provider ? rule.target : null}
              invalid={!!props.error && !rule.target.model}
              onChange={(target) => onChange({ ...rule, target })}
            />
          </div>
          <div className="wide">
            <FallbackList
              label={`Rule ${n} fallback model`}
              value={rule.fallbacks}
              onChange={(fallbacks) => onChange({ ...rule, fallbacks })}
            />
          </div>
        </div>
        {props.error && (
          <span className="field-error" role="alert">
            {props.error}
          </span>
        )}
      </div>
      <div className="rule-actions">
        <button
          type="button"
          className="icon ghost"
          aria-label={`Move rule ${n} up`}
          disabled={index === 0}
          onClick={() => props.onMove(index - 1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="icon ghost"
          aria-label={`Move rule ${n} down`}
          disabled={index === count - 1}
          onClick={() => props.onMove(index + 1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="icon ghost danger"
          aria-label={`Delete rule ${n}`}
          onClick={props.onRemove}
        >
          ✕
        </button>
      </div>
    </li>
  )
}
