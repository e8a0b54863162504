import fs from 'node:fs'
import path from 'node:path'

import { REALTIME_EVENTS } from './useRealtime'

/** The event names in every `publish(req, channels, event, …)` call of the server's domains. */
const publishedEvents = () => {
  const names = new Set<string>()
  const root = path.resolve('src/lib')
  for (const file of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) continue
    const source = fs.readFileSync(path.join(root, file), 'utf8')
    for (const call of source.split(/\bpublish\(/).slice(1)) {
      // The event is named before the data object opens.
      const head = call.slice(0, call.indexOf('{'))
      for (const [, name] of head.matchAll(/'([a-z]+\.[a-z]+)'/g)) names.add(name!)
    }
  }
  return [...names].sort()
}

describe('useRealtime', () => {
  it('binds every event the server publishes, on both drivers', () => {
    const published = publishedEvents()
    expect(published).toContain('review.published')
    expect(published.filter((name) => !REALTIME_EVENTS.includes(name))).toEqual([])
  })
})
