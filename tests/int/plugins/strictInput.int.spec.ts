import { startPayload, type TestContext } from '../../helpers/payload'
import { restClient, type RestClient } from '../../helpers/rest'

/*
 * The strict input plugin under a config of its own, on a collection with nothing special
 * about it: a client's mistake is a 4xx in the error format naming it, with nothing stored,
 * where Payload alone would store part of it or answer 500.
 */

let ctx: TestContext
let rest: RestClient

beforeAll(async () => {
  ctx = await startPayload('strict-input-plugin', () => import('./strictInput/config'))
  rest = restClient(ctx.config, { rateLimited: false })
})

afterAll(async () => {
  await ctx?.stop()
})

const countNotes = async () => (await rest.get('/api/notes/count')).body.totalDocs

describe('strict input plugin', () => {
  it('refuses a field the collection does not have, storing nothing', async () => {
    const before = await countNotes()
    const response = await rest.post('/api/notes', {
      body: { title: 'Seating plan', colour: 'teal' },
    })
    expect(response.status).toBe(400)
    expect(response.body.error).toMatchObject({
      code: 'INVALID_INPUT',
      details: [{ field: 'colour', message: 'Unknown field "colour".' }],
    })
    expect(await countNotes()).toBe(before)
  })

  it.each([
    ['where[guests][greater_than]=lots', 'must be a number'],
    ['where[eventDate][less_than]=2020-13-45', 'must be a date'],
    ['where[title][near]=abc', '"title" cannot be filtered with "near"'],
    ['where[id][in]=1,abc', 'document id'],
  ])('answers a malformed %s with 400 naming what it needs', async (query, expected) => {
    const response = await rest.get(`/api/notes?${query}`)
    expect(response.status).toBe(400)
    expect(response.body.error.message).toContain(expected)
  })

  it('answers a where that is not JSON with 400', async () => {
    const response = await rest.get('/api/notes?where=abc')
    expect([response.status, response.body.error.code]).toEqual([400, 'INVALID_JSON'])
  })

  it.each(['abc', '1.5', '2147483648'])('answers GET /api/notes/%s with 404', async (id) => {
    expect((await rest.get(`/api/notes/${id}`)).status).toBe(404)
  })

  it('still stores and finds a sound note', async () => {
    const created = await rest.post('/api/notes', { body: { title: 'Menu', guests: 40 } })
    expect(created.status).toBe(201)
    const found = await rest.get('/api/notes?where[guests][greater_than]=39')
    expect(found.status).toBe(200)
    expect(found.body.docs.map((note: { title: string }) => note.title)).toContain('Menu')
  })
})
