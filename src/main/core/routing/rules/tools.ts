import { compileNamePattern } from './name-pattern.ts'
import type { RequestView, RuleCompiler } from './rule-kind.ts'

/** One tool a request offers: its name and, for a provider-run tool, its type. */
export interface OfferedTool {
  /** Function or tool name (`Read`, `web_search`), when it has one. */
  name: string | null
  /** A built-in tool's type (`web_search_20250305`, `web_search`), null for function tools. */
  type: string | null
  /** The Responses namespace a function is grouped under (Codex's `multi_agent_v1`), if any. */
  namespace: string | null
}

/** Tools read per request; real clients send tens. */
export const MAX_TOOLS_READ = 512

/** Plain function tools, whose type says nothing about what they do. */
const FUNCTION_TYPES = new Set(['function', 'custom'])

/** `web_search_20250305` and `web_search_preview_2025_03_11` are versions of `web_search`. */
const TOOL_VERSION_RE = /(?:_preview)?(?:_\d{8}|_\d{4}_\d{2}_\d{2})?$/

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)

interface RawTool {
  type?: unknown
  name?: unknown
  function?: { name?: unknown }
  custom?: { name?: unknown }
  tools?: unknown
}

/**
 * The tools a request offers, read from the body as sent, where Anthropic server tools
 * (`{type: "web_search_20250305", name: "web_search"}`) and Responses built-ins
 * (`{type: "web_search"}`) still are; OpenAI chat `web_search_options` counts as `web_search`.
 * A Responses namespace offers each function grouped in it, under its own name.
 */
export function readTools({ body }: RequestView): OfferedTool[] {
  const out: OfferedTool[] = []
  let read = 0
  const add = (tools: unknown, namespace: string | null) => {
    if (!Array.isArray(tools)) return
    for (const raw of tools) {
      if (++read > MAX_TOOLS_READ) return
      if (!raw || typeof raw !== 'object') continue
      const t = raw as RawTool
      const type = str(t.type)
      if (type === 'namespace' && namespace === null) {
        add(t.tools, str(t.name) ?? '')
        continue
      }
      out.push({
        name: str(t.function?.name) ?? str(t.custom?.name) ?? str(t.name),
        type: type !== null && !FUNCTION_TYPES.has(type) ? type : null,
        namespace,
      })
    }
  }
  add(body.tools, null)
  if (body.web_search_options && typeof body.web_search_options === 'object') {
    out.push({ name: null, type: 'web_search', namespace: null })
  }
  return out
}

function describe(t: OfferedTool): string {
  const name =
    t.name && t.type && t.type !== t.name ? `${t.name} (${t.type})` : (t.name ?? t.type ?? '?')
  return t.namespace ? `${name} in ${t.namespace}` : name
}

/**
 * `tools`: the request offers tools; with `tool`, one whose name or built-in type matches it
 * (`web_search` matches `web_search_20250305` too; `*` and `?` make it a glob).
 */
export const compileToolsRule: RuleCompiler<'tools'> = (rule) => {
  const wanted = rule.tool?.trim() || null
  if (wanted === null) {
    return {
      label: 'tools',
      match(ctx) {
        const n = ctx.tools().length
        return n === 0 ? null : { matchedFile: null, detail: n === 1 ? '1 tool' : `${n} tools` }
      },
    }
  }
  const matches = compileNamePattern(wanted)
  const fits = (t: OfferedTool) =>
    (t.name !== null && matches(t.name)) ||
    (t.namespace !== null && matches(t.namespace)) ||
    (t.type !== null && (matches(t.type) || matches(t.type.replace(TOOL_VERSION_RE, ''))))
  return {
    label: `tool "${wanted}"`,
    match(ctx) {
      const tool = ctx.tools().find(fits)
      return tool ? { matchedFile: null, detail: `tool ${describe(tool)}` } : null
    },
  }
}
