import type { LocalModel } from '../../../shared/models.ts'
import { ClassifierSettings } from '../components/ClassifierSettings.tsx'
import { ErrorNote } from '../components/ErrorNote.tsx'
import { ImportModelForm } from '../components/ImportModelForm.tsx'
import { ModelCard } from '../components/ModelCard.tsx'
import { PageHead } from '../components/PageHead.tsx'
import { useAction } from '../lib/use-action.ts'
import { useModels } from '../stores/models.ts'

const engines: { id: LocalModel['engine']; title: string; about: string }[] = [
  {
    id: 'embedding',
    title: 'Embedding models',
    about: 'Turn prompts and persona descriptions into vectors; fast and small.',
  },
  {
    id: 'generative',
    title: 'Generative models',
    about: 'A small instruct model picks the persona label; slower, better on subtle prompts.',
  },
]

export function ModelsPage() {
  const { models, classifier, setActive } = useModels()
  const choose = useAction(setActive)
  return (
    <div className="page">
      <PageHead
        title="Classifier models"
        description="Local GGUF models that recognise personas on this machine. No prompt leaves it for classification."
      />
      <ClassifierSettings />
      {engines.map((e) => {
        const list = models.filter((m) => m.engine === e.id)
        const ready = list.filter((m) => m.status.state === 'ready' || m.status.state === 'loading')
        return (
          <section className="stack" key={e.id} aria-labelledby={`engine-${e.id}`}>
            <div className="panel-head">
              <div>
                <h2 id={`engine-${e.id}`}>{e.title}</h2>
                <p className="muted small">{e.about}</p>
              </div>
              <label className="row small">
                Active
                <select
                  className="inline-select"
                  aria-label={`Active ${e.id} model`}
                  value={classifier?.activeModels[e.id] ?? ''}
                  onChange={(ev) => void choose.run(e.id, ev.target.value || null)}
                >
                  <option value="">Default</option>
                  {ready.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {list.length === 0 ? (
              <p className="muted">No {e.id} models in the catalog; import one below.</p>
            ) : (
              <div className="cards">
                {list.map((m) => (
                  <ModelCard key={m.id} model={m} />
                ))}
              </div>
            )}
          </section>
        )
      })}
      <ErrorNote error={choose.error} />
      <ImportModelForm />
    </div>
  )
}
