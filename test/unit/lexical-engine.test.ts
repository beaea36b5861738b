import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../src/shared/schemas.ts'
import { choosePersona } from '../../src/main/core/personas/abstention.ts'
import type { PersonaProfile } from '../../src/main/core/personas/engine.ts'
import { createLexicalEngine } from '../../src/main/core/personas/lexical-engine.ts'
import { LEXICON_DOMAINS, builtInLexicon } from '../../src/main/core/personas/lexicon/index.ts'
import { matchLexicon } from '../../src/main/core/personas/lexicon/match-lexicon.ts'
import { tokenizeUnits } from '../../src/main/core/personas/tokenize.ts'

const fixtures = new URL('../fixtures/personas/', import.meta.url)
const personas = JSON.parse(
  readFileSync(new URL('personas.json', fixtures), 'utf8'),
) as PersonaProfile[]
const labelled = (file: string) =>
  readFileSync(new URL(file, fixtures), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { prompt: string; persona: string })

const engine = createLexicalEngine()
const top = async (text: string, set: PersonaProfile[] = personas) =>
  (await engine.classify(text, set))[0]?.personaId

describe('lexical engine on the fixture personas', () => {
  it('sends a React hydration error to the frontend persona', async () => {
    expect(
      await top(
        'Hydration failed because the initial UI does not match what was rendered on the server.',
      ),
    ).toBe('frontend')
  })

  it('sends a Terraform plan error to the DevOps persona', async () => {
    expect(
      await top(
        'terraform plan fails: Error: Error acquiring the state lock, ConditionalCheckFailedException',
      ),
    ).toBe('devops')
  })

  it('recognises a Kubernetes question though no persona mentions Kubernetes', async () => {
    const devops = personas.find((p) => p.id === 'devops')!
    expect(`${devops.name} ${devops.description}`).not.toMatch(/kube|k8s|pod|helm|container/i)
    expect(await top('kubectl get pods shows everything stuck in Pending')).toBe('devops')
  })

  it('reads file names and extensions in a prompt', async () => {
    expect(await top('what is wrong in Checkout.tsx')).toBe('frontend')
    expect(await top('can you review main.tf and variables.tfvars')).toBe('devops')
    expect(await top('pubspec.yaml will not resolve')).toBe('mobile')
  })

  it('lets a phrase win over its words: React Native is mobile, not web React', async () => {
    expect(await top('React Native FlatList is slow')).toBe('mobile')
    expect(await top('React list is slow')).toBe('frontend')
  })

  it('returns no persona for greetings, empty text or no personas', async () => {
    expect(await engine.classify('hello', personas)).toEqual([])
    expect(await engine.classify('', personas)).toEqual([])
    expect(await engine.classify('   \n ', personas)).toEqual([])
    expect(await engine.classify('How do I fix a Terraform error?', [])).toEqual([])
  })

  it('ranks best first with scores in 0..1 and exposes the margin', () => {
    const ranking = engine.rank('useEffect cleanup runs twice in my .tsx component', personas)
    const scores = ranking.scores.map((s) => s.score)
    expect(ranking.scores[0].personaId).toBe('frontend')
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
    for (const score of scores) expect(score).toBeGreaterThan(0)
    expect(scores[0]).toBeLessThan(1)
    expect(ranking.margin).toBeCloseTo(scores[0] - (scores[1] ?? 0), 12)
    expect(ranking.evidence).toBeGreaterThan(0)
  })

  it('is more decisive when the prompt says more', () => {
    const thin = engine.rank('the component re-renders', personas)
    const rich = engine.rank('useMemo vs useCallback: my React component re-renders', personas)
    expect(rich.margin).toBeGreaterThan(thin.margin)
  })

  it('ranks the same way every time, and ties keep the personas order', async () => {
    const text = 'Kafka consumer lag grows while the service is deploying'
    const first = await engine.classify(text, personas)
    const fresh = await createLexicalEngine().classify(text, personas)
    expect(await engine.classify(text, personas)).toEqual(first)
    expect(fresh).toEqual(first)
    const twins: PersonaProfile[] = [
      { id: 'b', name: 'Web', description: 'React apps', examples: [] },
      { id: 'a', name: 'Web', description: 'React apps', examples: [] },
    ]
    expect((await engine.classify('react hooks', twins)).map((s) => s.personaId)).toEqual([
      'b',
      'a',
    ])
  })

  it('recompiles when a persona changes, not just when the ids change', async () => {
    const edited = personas.map((p) =>
      p.id === 'security'
        ? {
            ...p,
            name: 'Cluster Operator',
            description: 'Runs our Kubernetes clusters and kubectl access.',
          }
        : p,
    )
    expect(await top('kubectl rollout stuck on pods')).toBe('devops')
    expect(await top('kubectl rollout stuck on pods', edited)).toBe('security')
  })

  it('uses persona examples when a user gives them', async () => {
    const set: PersonaProfile[] = [
      { id: 'billing', name: 'Billing', description: 'Our billing code.', examples: [] },
      { id: 'web', name: 'Web', description: 'Our website.', examples: [] },
    ]
    expect(await top('why does the invoice PDF miss the VAT line', set)).toBeUndefined()
    set[0] = { ...set[0], examples: ['the invoice PDF shows the wrong VAT rate'] }
    expect(await top('why does the invoice PDF miss the VAT line', set)).toBe('billing')
  })

  it('throws when the signal is already aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(engine.classify('react', personas, controller.signal)).rejects.toThrow()
  })

  it('without the lexicon is plain BM25 and misses prompts that share no words', async () => {
    const naive = createLexicalEngine({ lexicon: false })
    expect(await naive.classify('useEffect runs twice', personas)).toEqual([])
    expect((await naive.classify('React and TypeScript', personas))[0].personaId).toBe('frontend')
  })

  it('scores at least 70% on the held-out question set (floor, not a target)', async () => {
    const rows = labelled('questions.jsonl')
    expect(rows.length).toBeGreaterThanOrEqual(120)
    let correct = 0
    for (const row of rows) if ((await top(row.prompt)) === row.persona) correct++
    expect(correct / rows.length).toBeGreaterThanOrEqual(0.7)
  })
})

describe('built-in lexicon', () => {
  it('knows several hundred terms across the domains', () => {
    expect(builtInLexicon().entries.size).toBeGreaterThan(1000)
    expect(LEXICON_DOMAINS.map((d) => d.id)).toContain('security')
  })

  it('holds no term that tokenises to nothing or only to stop words', () => {
    for (const domain of LEXICON_DOMAINS) {
      for (const term of [...domain.strong, ...domain.medium, ...domain.weak]) {
        const units = tokenizeUnits(term)
        expect(units.length, `${domain.id}: ${term}`).toBeGreaterThan(0)
        expect(
          units.every((u) => u.stop),
          `${domain.id}: ${term}`,
        ).toBe(false)
      }
    }
  })

  it('matches error vocabulary, file names and multi-word phrases', () => {
    const lexicon = builtInLexicon()
    const domainsOf = (text: string) => {
      const { evidence } = matchLexicon(tokenizeUnits(text), lexicon)
      return lexicon.domainIds.filter((_, i) => evidence[i] >= 1)
    }
    expect(domainsOf('pod OOMKilled')).toContain('devops')
    expect(domainsOf('Segmentation fault (core dumped)')).toContain('systems')
    expect(domainsOf('N+1 queries')).toContain('databases')
    expect(domainsOf('Dockerfile')).toContain('devops')
    expect(domainsOf('no space left on device')).toEqual(['devops'])
    expect(domainsOf('server side rendering')).toContain('backend')
  })
})

describe('fields no persona covers', () => {
  const six = JSON.parse(
    readFileSync(new URL('long/personas-six.json', fixtures), 'utf8'),
  ) as PersonaProfile[]
  const chosen = async (text: string, set: PersonaProfile[] = six) =>
    choosePersona(await engine.classify(text, set), {
      minScore: defaultSettings.lexicalMinScore,
      minMargin: defaultSettings.lexicalMinMargin,
    }).best?.personaId

  it('leaves everyday, maths and git questions with a stray technical word without a persona', async () => {
    expect(
      await chosen(
        'Which dog breeds cope well with a small apartment and a long train ride to work?',
      ),
    ).toBeUndefined()
    expect(
      await chosen(
        'What is the probability of drawing two aces from a deck of cards, and how do I prove it?',
      ),
    ).toBeUndefined()
    expect(
      await chosen(
        'How do I undo a git rebase that went wrong and get my branch back from the reflog?',
      ),
    ).toBeUndefined()
  })

  it('still routes a question of a persona field that mentions git', async () => {
    expect(
      await chosen(
        'Every git push to main should run the Docker build in GitHub Actions and deploy to Kubernetes; the workflow fails at the image push step.',
      ),
    ).toBe('devops')
  })

  it('gives a field to a persona that claims it', async () => {
    const tutor: PersonaProfile = {
      id: 'tutor',
      name: 'Tutor',
      description: 'Helps with maths homework: algebra, calculus, proofs and probability.',
      examples: [],
    }
    expect(
      await chosen(
        'What is the probability of drawing two aces from a deck of cards, and how do I prove it?',
        [...six, tutor],
      ),
    ).toBe('tutor')
  })
})
