import { outbox } from './outbox'

const memoryStore = () => {
  const data = new Map<string, string>()
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  }
}

const message = (key: string, body = `Kia ora ${key}`) => ({ key, body, attachments: [] })

describe('the outbox of messages written offline', () => {
  it('keeps messages in the order written until each is sent', () => {
    const store = memoryStore()
    const box = outbox(store, 1, 9)
    box.add(message('a'))
    box.add(message('b'))
    expect(
      outbox(store, 1, 9)
        .items()
        .map((m) => m.key),
    ).toEqual(['a', 'b'])
    box.remove('a')
    expect(box.items().map((m) => m.key)).toEqual(['b'])
    box.remove('b')
    expect(store.data.size).toBe(0)
  })

  it("never hands one person's messages to another account or another conversation", () => {
    const store = memoryStore()
    outbox(store, 1, 9).add(message('a'))
    expect(outbox(store, 2, 9).items()).toEqual([])
    expect(outbox(store, 1, 10).items()).toEqual([])
  })

  it('adding the same message twice keeps one copy', () => {
    const store = memoryStore()
    const box = outbox(store, 1, 9)
    box.add(message('a', 'first'))
    box.add(message('a', 'edited'))
    expect(box.items()).toEqual([message('a', 'edited')])
  })

  it('survives unreadable storage and storage that refuses writes', () => {
    const store = memoryStore()
    store.setItem('eventpros:outbox:1:9', '{not json')
    expect(outbox(store, 1, 9).items()).toEqual([])
    store.setItem('eventpros:outbox:1:9', JSON.stringify([{ key: 1 }, message('ok')]))
    expect(outbox(store, 1, 9).items()).toEqual([message('ok')])
    const refusing = {
      ...memoryStore(),
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
    }
    expect(() => outbox(refusing, 1, 9).add(message('a'))).not.toThrow()
    expect(outbox(null, 1, 9).items()).toEqual([])
  })
})
