import type { z } from 'zod'
import type { GroupDraft as GroupDraftSchema } from '../../../shared/groups.ts'

export type GroupDraft = z.output<typeof GroupDraftSchema>
