import type { IncomingMessage } from 'node:http'
import { contract, type OperationName } from '../../../shared/contract.ts'
import { SwitchboardError } from '../../../shared/errors.ts'
import type { HttpMethod } from '../../../shared/operation.ts'

export const API_PREFIX = '/api/v1'

interface Route {
  name: OperationName
  method: HttpMethod
  segments: string[]
}

/** REST routes derived from the contract; literal segments win over parameters (`/workspaces/active` before `/:name`). */
const routes: Route[] = Object.entries(contract)
  .map(([name, op]) => ({
    name: name as OperationName,
    method: op.http.method,
    segments: split(op.http.path),
  }))
  .sort((a, b) => specificity(b) - specificity(a))

function split(path: string): string[] {
  return path.split('/').filter(Boolean)
}

function specificity(route: Route): number {
  return route.segments.reduce((score, s, i) => score + (s.startsWith(':') ? 0 : 2 ** (8 - i)), 0)
}

export interface MatchedRoute {
  name: OperationName
  params: Record<string, string>
}

export type RouteMatch = MatchedRoute | { methodNotAllowed: HttpMethod[] } | null

/** Finds the operation for a method and path under /api/v1. */
export function matchRoute(method: string, path: string): RouteMatch {
  const parts = split(path)
  const allowed: HttpMethod[] = []
  for (const route of routes) {
    if (route.segments.length !== parts.length) continue
    const params: Record<string, string> = {}
    const fits = route.segments.every((seg, i) => {
      if (seg.startsWith(':')) {
        params[seg.slice(1)] = decodeSegment(parts[i]!, seg.slice(1))
        return true
      }
      return seg === parts[i]
    })
    if (!fits) continue
    if (route.method === method) return { name: route.name, params }
    allowed.push(route.method)
  }
  return allowed.length ? { methodNotAllowed: allowed } : null
}

function decodeSegment(segment: string, param: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new SwitchboardError(
      'invalid_request',
      `The path segment "${segment}" is not valid percent-encoding. Encode the ${param} with encodeURIComponent.`,
      { param },
    )
  }
}

/** Builds the operation input from path params, query (GET/DELETE) and the JSON body. */
export function operationInput(
  req: IncomingMessage,
  url: URL,
  params: Record<string, string>,
  body: unknown,
): unknown {
  const method = req.method ?? 'GET'
  if (method === 'GET' || method === 'DELETE') {
    return { ...Object.fromEntries(url.searchParams), ...params }
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body
  return { ...body, ...params }
}
