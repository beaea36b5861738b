import { describe, expect, it } from 'vitest'
import { stem, tokenize, tokenizeUnits } from '../../src/main/core/personas/tokenize.ts'

const keys = (text: string) => tokenizeUnits(text).map((u) => u.key)

describe('tokenize', () => {
  it('lowercases and drops stop words, numbers and single letters', () => {
    expect(tokenize('How do I fix the Build in 3 steps?')).toEqual(['build', 'step'])
    expect(tokenize('hello')).toEqual([])
    expect(tokenize('')).toEqual([])
  })

  it('keeps a camelCase identifier whole and adds its parts', () => {
    expect(tokenize('useEffect')).toEqual(['useeffect', 'effect'])
    expect(tokenizeUnits('OOMKilled')[0]).toMatchObject({ key: 'oomkill', parts: ['oom', 'kill'] })
  })

  it('reads camelCase, snake_case and kebab-case spellings of a name as one key', () => {
    expect(keys('useEffect use_effect use-effect')).toEqual(['useeffect', 'useeffect', 'useeffect'])
    expect(keys('DataSource')).toEqual(keys('datasource'))
    expect(tokenize('num_workers')).toEqual(['numworker', 'num', 'worker'])
  })

  it('keeps dotted names and gives a file extension its own unit', () => {
    expect(keys('next.js')).toEqual(['next.js', '.js'])
    expect(keys('ProductList.jsx')).toEqual(['productlist.jsx', '.jsx'])
    expect(tokenizeUnits('ProductList.jsx')[0].parts).toEqual(['product', 'list'])
    expect(keys('main.tf and .tsx')).toEqual(['main.tf', '.tf', 'and', '.tsx'])
    expect(keys('docker-compose.yml')).toEqual(['dockercompose.yml', '.yml'])
  })

  it('does not mistake a property access for a file', () => {
    expect(keys('req.body')).toEqual(['req.body'])
    expect(tokenizeUnits('req.body')[0].parts).toEqual(['req', 'body'])
  })

  it('keeps c++ and c# intact', () => {
    expect(tokenize('C++ or C#?')).toEqual(['c++', 'c#'])
  })

  it('splits on slashes and punctuation', () => {
    expect(tokenize('CI/CD (blue/green)')).toEqual(['ci', 'cd', 'blu', 'green'])
  })

  it('flags stop words but keeps them in the unit stream for phrases', () => {
    expect(tokenizeUnits('out of memory').map((u) => [u.key, u.stop])).toEqual([
      ['out', true],
      ['of', true],
      ['memory', false],
    ])
  })
})

describe('stem', () => {
  it('folds plurals and -ing/-ed forms onto one key', () => {
    expect(new Set(['deploy', 'deploys', 'deployed', 'deploying'].map(stem)).size).toBe(1)
    expect(new Set(['cache', 'cached', 'caching', 'caches'].map(stem)).size).toBe(1)
    expect(stem('queries')).toBe(stem('query'))
    expect(stem('logging')).toBe(stem('logs'))
  })

  it('leaves short words, -ss/-us/-is endings and non-letters alone', () => {
    expect(stem('aws')).toBe('aws')
    expect(stem('redis')).toBe('redis')
    expect(stem('status')).toBe('status')
    expect(stem('class')).toBe('class')
    expect(stem('k8s')).toBe('k8s')
  })

  it('keeps technical terms apart that a suffix rule would merge', () => {
    expect(stem('embedded')).not.toBe(stem('embeddings'))
    expect(stem('spring')).toBe('spring')
  })
})
