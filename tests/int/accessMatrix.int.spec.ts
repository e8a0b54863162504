/**
 * Every collection × role × operation through REST with real tokens, including each denial.
 * Each row names the status a person in that role gets: 403 is not allowed (a write to a
 * document outside what you may touch is 403 too); 404 is a read of a document you may not see.
 */
import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'

import { createCategory, createVendor } from '../helpers/fixtures'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser, SIGN_UP_CONSENT } from '../helpers/users'

type Actor = 'anonymous' | 'organizer' | 'vendor' | 'owner' | 'moderator' | 'admin'
type Operation = 'read' | 'create' | 'update' | 'delete'

let ctx: TestContext
let payload: Payload
let rest: RestClient
const tokens: Partial<Record<Actor, string>> = {}
let ownerUserId: number
let categoryId: number
let ownersProfileId: number

const photo = new Uint8Array(fs.readFileSync(path.resolve('tests/fixtures/photo.png')))

beforeAll(async () => {
  ctx = await startPayload('access_matrix')
  payload = ctx.payload
  rest = restClient(ctx.config)
  for (const role of ['organizer', 'vendor', 'moderator', 'admin'] as const) {
    tokens[role] = (await createUser(payload, rest, role)).token
  }
  const owner = await createUser(payload, rest, 'vendor')
  tokens.owner = owner.token
  ownerUserId = owner.user.id
  categoryId = (await createCategory(payload, 'Caterers')).id
  ownersProfileId = (await createVendor(payload, ownerUserId, categoryId)).id
})

afterAll(async () => {
  await ctx?.stop()
})

/** Fresh documents for each case so that one case's update or delete never affects another. */
const targets: Record<string, (actor: Actor) => Promise<number>> = {
  categories: async () => (await createCategory(payload, `Category ${Math.random()}`)).id,
  vendors: async (actor: Actor) => {
    if (actor === 'owner') return ownersProfileId
    const vendorUser = await payload.create({
      collection: 'users',
      data: {
        email: `owned-${Math.random()}@example.test`,
        password: 'Kiwi-Events-2026!',
        firstName: 'V',
        lastName: 'O',
        role: 'vendor',
        _verified: true,
      },
      disableVerificationEmail: true,
      context: { seeding: true },
    })
    return (await createVendor(payload, vendorUser.id, categoryId)).id
  },
  media: async () => {
    const formData = new FormData()
    formData.append('file', new Blob([photo], { type: 'image/png' }), 'target.png')
    formData.append('_payload', JSON.stringify({ alt: 'Target' }))
    const res = await rest.post('/api/media', { formData, token: tokens.owner })
    return res.body.doc.id as number
  },
  users: async () =>
    (
      await payload.create({
        collection: 'users',
        data: {
          email: `target-${Math.random()}@example.test`,
          password: 'Kiwi-Events-2026!',
          firstName: 'T',
          lastName: 'U',
          role: 'organizer',
          _verified: true,
        },
        disableVerificationEmail: true,
      })
    ).id,
}

const createBodies: Record<
  'categories' | 'vendors' | 'media' | 'users',
  () => { body?: unknown; formData?: FormData }
> = {
  categories: () => ({ body: { name: `New ${Math.random()}` } }),
  vendors: () => ({
    body: {
      businessName: 'New Vendor',
      categories: [categoryId],
      location: { city: 'Nelson', region: 'nelson' },
    },
  }),
  media: () => {
    const formData = new FormData()
    formData.append('file', new Blob([photo], { type: 'image/png' }), 'new.png')
    formData.append('_payload', JSON.stringify({ alt: 'New' }))
    return { formData }
  },
  users: () => ({
    body: {
      email: `new-${Math.random()}@example.test`,
      password: 'Kiwi-Events-2026!',
      firstName: 'New',
      lastName: 'Person',
      ...SIGN_UP_CONSENT,
    },
  }),
}

const updateBodies: Record<'categories' | 'vendors' | 'media' | 'users', unknown> = {
  categories: { description: 'Updated' },
  vendors: { tagline: 'Updated' },
  media: { alt: 'Updated' },
  users: { phone: '021 000 0000' },
}

// Expected status per actor, in the order: anonymous, organizer, vendor, owner, moderator, admin.
const ACTORS: Actor[] = ['anonymous', 'organizer', 'vendor', 'owner', 'moderator', 'admin']
const MATRIX: Record<'categories' | 'vendors' | 'media' | 'users', Record<Operation, number[]>> = {
  categories: {
    read: [200, 200, 200, 200, 200, 200],
    create: [403, 403, 403, 403, 201, 201],
    update: [403, 403, 403, 403, 200, 200],
    delete: [403, 403, 403, 403, 403, 200],
  },
  vendors: {
    read: [200, 200, 200, 200, 200, 200],
    create: [403, 403, 201, 409, 201, 201],
    update: [403, 403, 403, 200, 200, 200],
    delete: [403, 403, 403, 403, 403, 200],
  },
  media: {
    read: [200, 200, 200, 200, 200, 200],
    create: [403, 201, 201, 201, 201, 201],
    update: [403, 403, 403, 200, 200, 200],
    delete: [403, 403, 403, 200, 200, 200],
  },
  users: {
    read: [403, 404, 404, 404, 200, 200],
    create: [201, 201, 201, 201, 201, 201],
    update: [403, 403, 403, 403, 403, 200],
    delete: [403, 403, 403, 403, 403, 200],
  },
}

const cases = Object.entries(MATRIX).flatMap(([collection, operations]) =>
  Object.entries(operations).flatMap(([operation, statuses]) =>
    ACTORS.map((actor, i) => [collection, operation, actor, statuses[i]!] as const),
  ),
)

describe('access matrix over REST', () => {
  it.each(cases)('%s %s as %s → %i', async (collection, operation, actor, expected) => {
    const slug = collection as 'categories' | 'vendors' | 'media' | 'users'
    const token = tokens[actor]
    let status: number
    if (operation === 'create') {
      status = (await rest.post(`/api/${slug}`, { ...createBodies[slug](), token })).status
    } else {
      const id = await targets[slug]!(actor)
      if (operation === 'read') status = (await rest.get(`/api/${slug}/${id}`, { token })).status
      else if (operation === 'update')
        status = (await rest.patch(`/api/${slug}/${id}`, { body: updateBodies[slug], token }))
          .status
      else status = (await rest.delete(`/api/${slug}/${id}`, { token })).status
      if (expected >= 400 && operation !== 'read') {
        // A refused write leaves the document where it was.
        const stillThere = await payload.findByID({
          collection: slug,
          id,
          depth: 0,
          disableErrors: true,
        })
        expect(stillThere).not.toBeNull()
      }
    }
    expect(status).toBe(expected)
  })
})

/**
 * Filters and sorts on fields hidden from some readers: what each role learns by asking for
 * the owner's rows by the owner's id. 'refused' is a 400; 'none' finds nothing; 'theirs' finds
 * exactly the owner's own documents.
 */
type Answer = 'refused' | 'none' | 'theirs'
const HIDDEN_FIELD_MATRIX: Record<string, Record<Actor, Answer>> = {
  'vendors.owner': {
    anonymous: 'refused',
    organizer: 'refused',
    vendor: 'none',
    owner: 'theirs',
    moderator: 'theirs',
    admin: 'theirs',
  },
  'media.owner': {
    anonymous: 'refused',
    organizer: 'none',
    vendor: 'none',
    owner: 'theirs',
    moderator: 'theirs',
    admin: 'theirs',
  },
}

describe('hidden fields through filters and sorts', () => {
  let ownersPhotoId: number
  beforeAll(async () => {
    ownersPhotoId = await targets.media!('owner')
  })

  const hiddenCases = Object.entries(HIDDEN_FIELD_MATRIX).flatMap(([path, answers]) =>
    ACTORS.map((actor) => [path, actor, answers[actor]] as const),
  )

  it.each(hiddenCases)('where[%s] as %s → %s', async (path, actor, expected) => {
    const [slug, field] = path.split('.') as ['vendors' | 'media', string]
    const theirs = slug === 'vendors' ? ownersProfileId : ownersPhotoId
    const token = tokens[actor]
    const filtered = await rest.get(
      `/api/${slug}?where[${field}][equals]=${ownerUserId}&limit=100`,
      { token },
    )
    const graphqlName = slug === 'vendors' ? 'Vendors' : 'allMedia'
    const gql = await rest.graphql(
      `query ($id: JSON) { ${graphqlName}(where: { ${field}: { equals: $id } }, limit: 100) { docs { id } } }`,
      { id: ownerUserId },
      { token },
    )
    // The same condition inside an upper-case group, which Payload also reads as a group.
    const grouped = await rest.get(
      `/api/${slug}?where[OR][0][${field}][equals]=${ownerUserId}&limit=100`,
      { token },
    )
    expect([grouped.status, grouped.body.totalDocs]).toEqual([
      filtered.status,
      filtered.body.totalDocs,
    ])
    const restIds = (filtered.body.docs ?? []).map((doc: { id: number }) => doc.id)
    const gqlIds = (gql.body.data?.[graphqlName]?.docs ?? []).map((doc: { id: number }) => doc.id)
    if (expected === 'refused') {
      expect(filtered.status).toBe(400)
      expect(gql.body.errors?.length).toBeGreaterThan(0)
    } else {
      expect(filtered.status).toBe(200)
      // The owner's rows only: every photo the owner uploaded, their one profile.
      const owned = (
        await payload.find({
          collection: slug,
          where: { owner: { equals: ownerUserId } },
          limit: 100,
          depth: 0,
        })
      ).docs.map((doc) => doc.id)
      expect(owned).toContain(theirs)
      expect(restIds.sort()).toEqual(expected === 'theirs' ? owned.sort() : [])
      expect(gqlIds.sort()).toEqual(expected === 'theirs' ? owned.sort() : [])
    }
    const sorted = await rest.get(`/api/${slug}?sort=${field}`, { token })
    expect(sorted.status).toBe(expected === 'theirs' && actor !== 'owner' ? 200 : 400)
  })
})
