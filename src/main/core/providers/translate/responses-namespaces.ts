// Responses namespace tools, `{type: "namespace", name, description, tools: [...]}`, group
// function tools under a name the calls carry (`{type: "function_call", namespace, name}`); Codex
// sends its sub-agent tools this way. Chat has no namespaces, so a grouped function travels under
// a qualified name, `<namespace>__<name>`, and the calls that come back are split again.

const SEPARATOR = '__'

/** A grouped function's name on a chat target. */
export const qualifiedToolName = (namespace: string, name: string): string =>
  `${namespace}${SEPARATOR}${name}`

export interface NamespacedName {
  namespace: string
  name: string
}

/** Each qualified name the request's namespace tools define, with the namespace and name behind it. */
export function namespacedToolNames(tools: unknown): Map<string, NamespacedName> {
  const names = new Map<string, NamespacedName>()
  if (!Array.isArray(tools)) return names
  for (const tool of tools as { type?: unknown; name?: unknown; tools?: unknown }[]) {
    if (tool?.type !== 'namespace' || typeof tool.name !== 'string' || !Array.isArray(tool.tools))
      continue
    for (const inner of tool.tools as { type?: unknown; name?: unknown }[]) {
      if (inner?.type === 'function' && typeof inner.name === 'string')
        names.set(qualifiedToolName(tool.name, inner.name), {
          namespace: tool.name,
          name: inner.name,
        })
    }
  }
  return names
}

/** A chat tool call's name as a Responses `function_call` carries it: `name`, and `namespace` when grouped. */
export function responsesCallName(
  chatName: string,
  names: Map<string, NamespacedName>,
): { name: string; namespace?: string } {
  const grouped = names.get(chatName)
  return grouped ? { name: grouped.name, namespace: grouped.namespace } : { name: chatName }
}
