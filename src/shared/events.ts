import { z } from 'zod'
import { RequestLogEntry } from './activity.ts'
import { ModelGroup } from './groups.ts'
import { ClassifierStatus, LocalModel } from './models.ts'
import { Persona, Provider, ServerStatus, Settings, WorkspaceSummary } from './schemas.ts'

/** Push events: IPC `send` in the app, Server-Sent Events at /api/v1/events over HTTP. */
export const eventSchemas = {
  workspaceActivated: z.object({ name: z.string() }),
  workspacesChanged: z.object({ workspaces: z.array(WorkspaceSummary) }),
  providersChanged: z.object({ providers: z.array(Provider) }),
  serverStatusChanged: ServerStatus,
  requestLogged: RequestLogEntry,
  personasChanged: z.object({ personas: z.array(Persona) }),
  modelChanged: LocalModel,
  modelRemoved: z.object({ id: z.string() }),
  classifierChanged: ClassifierStatus,
  groupsChanged: z.object({ groups: z.array(ModelGroup) }),
  settingsChanged: Settings,
}

export type EventName = keyof typeof eventSchemas
export type EventPayload<E extends EventName> = z.output<(typeof eventSchemas)[E]>
export type EventMap = { [E in EventName]: EventPayload<E> }
