import { contract, type Api } from '../../../shared/contract.ts'
import { SwitchboardError, type ErrorBody } from '../../../shared/errors.ts'

/** The management API of a running Switchboard as a typed client, over HTTP with the admin token. */
export function createHttpApi(baseUrl: string, adminToken: string): Api {
  const api: Record<string, (input: Record<string, unknown>) => Promise<unknown>> = {}
  for (const [name, op] of Object.entries(contract)) {
    api[name] = async (input = {}) => {
      const rest = { ...input }
      const path = op.http.path.replace(/:(\w+)/g, (_, key: string) => {
        const value = String(rest[key])
        delete rest[key]
        return encodeURIComponent(value)
      })
      const url = new URL(`${baseUrl.replace(/\/+$/, '')}/api/v1${path}`)
      const bodyless = op.http.method === 'GET' || op.http.method === 'DELETE'
      if (bodyless) for (const [k, v] of Object.entries(rest)) url.searchParams.set(k, String(v))
      const res = await fetch(url, {
        method: op.http.method,
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: bodyless ? undefined : JSON.stringify(rest),
      })
      const body = (await res.json()) as unknown
      if (!res.ok) {
        const error = (body as ErrorBody).error
        throw new SwitchboardError(
          error?.code ?? 'internal',
          error?.message ?? `HTTP ${res.status}`,
        )
      }
      return body
    }
  }
  return api as unknown as Api
}
