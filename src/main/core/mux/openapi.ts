import { z } from 'zod'
import { contract } from '../../../shared/contract.ts'
import { API_PREFIX } from './management-routes.ts'

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        message: { type: 'string' },
        type: { type: 'string' },
        code: { type: 'string' },
        param: { type: ['string', 'null'] },
      },
      required: ['message', 'type', 'code'],
    },
  },
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>
  return rest
}

/** The OpenAPI 3.1 document of the management API, generated from the contract. */
export function buildOpenApi(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const [name, op] of Object.entries(contract)) {
    const path = op.http.path.replace(/:(\w+)/g, '{$1}')
    const pathParams = [...op.http.path.matchAll(/:(\w+)/g)].map((m) => m[1]!)
    const input = jsonSchema(op.input, 'input') as {
      properties?: Record<string, unknown>
      required?: string[]
    }
    const bodyless = op.http.method === 'GET' || op.http.method === 'DELETE'
    const parameters = Object.entries(input.properties ?? {})
      .filter(([key]) => bodyless || pathParams.includes(key))
      .map(([key, schema]) => ({
        name: key,
        in: pathParams.includes(key) ? 'path' : 'query',
        required: pathParams.includes(key) || (input.required ?? []).includes(key),
        schema,
      }))
    const operation: Record<string, unknown> = {
      operationId: name,
      summary: op.summary,
      parameters,
      responses: {
        '200': {
          description: 'OK',
          content: { 'application/json': { schema: jsonSchema(op.output, 'output') } },
        },
        default: { description: 'Error', content: { 'application/json': { schema: errorSchema } } },
      },
    }
    if (!bodyless) {
      const properties = Object.fromEntries(
        Object.entries(input.properties ?? {}).filter(([k]) => !pathParams.includes(k)),
      )
      const required = (input.required ?? []).filter((k) => !pathParams.includes(k))
      operation.requestBody = {
        required: required.length > 0,
        content: { 'application/json': { schema: { ...input, properties, required } } },
      }
    }
    paths[path] = { ...paths[path], [op.http.method.toLowerCase()]: operation }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Switchboard management API', version },
    servers: [{ url: API_PREFIX }],
    components: { securitySchemes: { adminToken: { type: 'http', scheme: 'bearer' } } },
    security: [{ adminToken: [] }],
    paths,
  }
}
