import type { z } from 'zod'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * One management operation: what it takes, what it returns, and where REST puts it.
 * Path parameters (`:name`) and, for GET/DELETE, query parameters fill the input's fields;
 * other methods read the rest from the JSON body. IPC and in-process calls ignore `http`.
 */
export interface Operation<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string
  input: I
  output: O
  http: { method: HttpMethod; path: string }
}

export function operation<I extends z.ZodType, O extends z.ZodType>(
  def: Operation<I, O>,
): Operation<I, O> {
  return def
}
