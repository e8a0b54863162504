import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload } from 'payload'
import type { Pool } from 'pg'

import { slugs } from '@/collections/slugs'
import { enrolledTwoFactorData } from '@/lib/auth/twoFactor'
import { nzTowns } from '@/lib/geo/towns'
import { withTransaction } from '@/lib/kit/transaction'
import { POLICY_VERSIONS } from '@/lib/privacy/policies'

import { slugify } from '../slugify'
import { recomputeFavourites } from '../trust/favourites'
import { SEED_CATEGORIES } from './categories'
import {
  createRandom,
  type GeneratedVendor,
  generateVendor,
  type SeedCategoryRef,
} from './generate'
import { seedDemoPortfolios } from './images'
import { seedDemoJobs } from './jobs'
import { seedDemoReviews } from './reviews'

/** Every demo account shares this password; the README gives it. */
export const DEMO_PASSWORD = 'EventPros!2026'
/**
 * The demo admin's and moderator's authenticator secret (README): staff need two-factor
 * sign-in, and a demo nobody can enter is no demo. Add it to an authenticator app by hand.
 */
export const DEMO_TOTP_SECRET = 'EVENTPROSDEMOSTAFFTOTPSECRET2345'

export const DEMO_ACCOUNTS = [
  { email: 'admin@eventpros.test', firstName: 'Ana', lastName: 'Admin', role: 'admin' },
  {
    email: 'moderator@eventpros.test',
    firstName: 'Mere',
    lastName: 'Moderator',
    role: 'moderator',
  },
  { email: 'vendor@eventpros.test', firstName: 'Wiremu', lastName: 'Vendor', role: 'vendor' },
  {
    email: 'organizer@eventpros.test',
    firstName: 'Olivia',
    lastName: 'Organizer',
    role: 'organizer',
  },
  { email: 'aroha@eventpros.test', firstName: 'Aroha', lastName: 'Ngata', role: 'organizer' },
  { email: 'liam@eventpros.test', firstName: 'Liam', lastName: 'Thompson', role: 'organizer' },
  { email: 'priya@eventpros.test', firstName: 'Priya', lastName: 'Patel', role: 'organizer' },
  { email: 'sione@eventpros.test', firstName: 'Sione', lastName: 'Taufa', role: 'organizer' },
] as const

export type SeedOptions = {
  vendors: number
  onProgress?: (done: number, total: number) => void
  batchSize?: number
  /**
   * Give generated vendors made-up ratings and response figures (benchmarks need a realistic
   * spread to rank). Off for demo data: there a rating comes only from real reviews.
   */
  sampleRatings?: boolean
  /** Give vendors drawn portfolio images (`images.ts`); benchmarks of 100,000 may skip them. */
  portfolios?: boolean
}

export type SeedResult = { categories: number; accounts: number; vendors: number; jobs: number }

/** Payload's pool, typed with this project's `pg` types. */
const databasePool = (payload: Payload): Pool => (payload.db as unknown as { pool: Pool }).pool

const seedCategories = async (payload: Payload): Promise<SeedCategoryRef[]> => {
  const existing = await payload.find({
    collection: slugs.categories,
    limit: 0,
    depth: 0,
    pagination: false,
  })
  const byName = new Map(existing.docs.map((doc) => [doc.name, doc]))
  const children: SeedCategoryRef[] = []
  for (const group of SEED_CATEGORIES) {
    const parent =
      byName.get(group.name) ??
      (await payload.create({
        collection: slugs.categories,
        data: {
          name: group.name,
          slug: slugify(group.name),
          icon: group.icon,
          description: group.description,
        },
      }))
    for (const name of group.children) {
      const child =
        byName.get(name) ??
        (await payload.create({
          collection: slugs.categories,
          data: { name, slug: slugify(name), parent: parent.id },
        }))
      children.push({ id: child.id, name: child.name, parentName: group.name })
    }
  }
  return children
}

/**
 * Creates the accounts through the Local API (so Payload hashes the password once) and returns
 * the stored salt and hash for the bulk-inserted vendor users, who share the demo password.
 */
const seedAccounts = async (payload: Payload) => {
  const ids = new Map<string, number>()
  for (const account of DEMO_ACCOUNTS) {
    const found = await payload.find({
      collection: slugs.users,
      where: { email: { equals: account.email } },
      limit: 1,
      depth: 0,
    })
    const user =
      found.docs[0] ??
      (await payload.create({
        collection: slugs.users,
        data: {
          ...account,
          password: DEMO_PASSWORD,
          _verified: true,
          // Demo people have accepted the policies in force, as a sign-up would have.
          acceptTerms: true,
          acceptPrivacy: true,
          ...(account.role === 'admin' || account.role === 'moderator'
            ? enrolledTwoFactorData(payload, DEMO_TOTP_SECRET)
            : {}),
        },
        disableVerificationEmail: true,
        // Seeding grants staff roles, which the role guard reserves for admins.
        context: { seeding: true },
      }))
    ids.set(account.email, user.id)
  }
  const pool = (payload.db as unknown as PostgresAdapter).pool
  const { rows } = await pool.query<{ salt: string; hash: string }>(
    'SELECT salt, hash FROM users WHERE email = $1',
    [DEMO_ACCOUNTS[0].email],
  )
  return { ids, credentials: rows[0]! }
}

const insertVendorBatch = async (
  payload: Payload,
  vendors: GeneratedVendor[],
  owners: (number | null)[],
  credentials: { salt: string; hash: string },
  firstIndex: number,
) => {
  await withTransaction(databasePool(payload), async (client) => {
    const newOwners = vendors.map((_, i) => owners[i] == null)
    const emails = vendors
      .map((_, i) => `vendor${firstIndex + i + 1}@vendors.eventpros.test`)
      .filter((_, i) => newOwners[i])
    // Written in bulk, past Payload's validation: the names must still pass it (letters,
    // spaces, hyphens, apostrophes), or every later save of the account is refused.
    const inserted = await client.query<{ id: number; email: string }>(
      `INSERT INTO users (first_name, last_name, role, email, salt, hash, _verified, login_attempts,
         terms_version, terms_accepted_at, privacy_version, privacy_accepted_at,
         marketing_emails, marketing_emails_changed_at)
       SELECT 'Demo', 'Vendor', 'vendor', e, $2, $3, true, 0, $4, now(), $5, now(), false, now()
       FROM unnest($1::text[]) WITH ORDINALITY AS t(e, n)
       ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email
       RETURNING id, email`,
      [emails, credentials.salt, credentials.hash, POLICY_VERSIONS.terms, POLICY_VERSIONS.privacy],
    )
    const userIdByEmail = new Map(inserted.rows.map((row) => [row.email, row.id]))
    let emailIndex = 0
    const ownerIds = vendors.map((_, i) =>
      newOwners[i] ? userIdByEmail.get(emails[emailIndex++]!)! : owners[i]!,
    )

    const column = <K extends keyof GeneratedVendor>(key: K) => vendors.map((v) => v[key])
    const { rows } = await client.query<{ id: number; slug: string }>(
      `INSERT INTO vendors (business_name, slug, tagline, description, price_range, location_address,
         location_city, location_region, location_lat, location_lng, contact_email, contact_phone,
         website, status, owner_id, tier, verification_status, rating_average, rating_count,
         response_stats_response_rate, response_stats_median_response_hours, profile_review)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[],
         $5::enum_vendors_price_range[], $6::text[], $7::text[], $8::enum_vendors_location_region[],
         $9::numeric[], $10::numeric[], $11::text[], $12::text[], $13::text[],
         $14::enum_vendors_status[], $15::int[], $16::enum_vendors_tier[],
         $17::enum_vendors_verification_status[], $18::numeric[], $19::numeric[], $20::numeric[],
         $21::numeric[], $22::enum_vendors_profile_review[])
       RETURNING id, slug`,
      [
        column('businessName'),
        column('slug'),
        column('tagline'),
        vendors.map((v) => JSON.stringify(v.description)),
        column('priceRange'),
        column('address'),
        column('city'),
        column('region'),
        column('lat'),
        column('lng'),
        column('email'),
        column('phone'),
        column('website'),
        column('status'),
        ownerIds,
        column('tier'),
        column('verificationStatus'),
        column('ratingAverage'),
        column('ratingCount'),
        column('responseRate'),
        column('medianResponseHours'),
        // A seeded catalogue, not newcomers waiting for a moderator.
        vendors.map(() => 'approved'),
      ],
    )
    const idBySlug = new Map(rows.map((row) => [row.slug, row.id]))
    const rels = vendors.flatMap((v) =>
      v.categoryIds.map((categoryId, order) => [idBySlug.get(v.slug)!, order + 1, categoryId]),
    )
    await client.query(
      `INSERT INTO vendors_rels (parent_id, "order", path, categories_id)
       SELECT p, o, 'categories', c FROM unnest($1::int[], $2::int[], $3::int[]) AS t(p, o, c)`,
      [rels.map((r) => r[0]), rels.map((r) => r[1]), rels.map((r) => r[2])],
    )
    const regions = vendors.flatMap((v) =>
      v.serviceRegions.map((region, order) => [idBySlug.get(v.slug)!, order + 1, region] as const),
    )
    await client.query(
      `INSERT INTO vendors_service_regions (parent_id, "order", value)
       SELECT * FROM unnest($1::int[], $2::int[], $3::enum_vendors_service_regions[])`,
      [regions.map((r) => r[0]), regions.map((r) => r[1]), regions.map((r) => r[2])],
    )
    const closed = vendors.flatMap((v) =>
      v.unavailable.map(
        (period, order) => [idBySlug.get(v.slug)!, order + 1, period.from, period.to] as const,
      ),
    )
    // Noon in New Zealand (either offset) is the same calendar day in summer and winter.
    await client.query(
      `INSERT INTO vendors_unavailable_dates (_parent_id, _order, id, "from", "to")
       SELECT p, o, md5(p || '-' || o), f::timestamptz, t::timestamptz
       FROM unnest($1::int[], $2::int[], $3::text[], $4::text[]) AS x(p, o, f, t)`,
      [
        closed.map((r) => r[0]),
        closed.map((r) => r[1]),
        closed.map((r) => `${r[2]}T12:00:00+12:00`),
        closed.map((r) => `${r[3]}T12:00:00+12:00`),
      ],
    )
  })
}

/**
 * Demo data for New Zealand: categories, demo accounts and `vendors` vendor profiles in real
 * towns, then a few demo jobs with quotes (once). Vendors are written in bulk (one statement per table per batch) so that 100,000 take
 * minutes, not hours; categories and accounts go through the Local API. Adding vendors to a
 * seeded database appends more.
 */
export const seed = async (payload: Payload, options: SeedOptions): Promise<SeedResult> => {
  const {
    vendors: total,
    onProgress,
    batchSize = 2000,
    sampleRatings = false,
    portfolios = true,
  } = options
  const categories = await seedCategories(payload)
  const { ids, credentials } = await seedAccounts(payload)
  const pool = (payload.db as unknown as PostgresAdapter).pool
  const { rows } = await pool.query<{ count: string }>('SELECT count(*) FROM vendors')
  const offset = Number(rows[0]?.count ?? 0)

  const towns = nzTowns()
  const random = createRandom(20261125 + offset)
  const demoVendorOwner = ids.get('vendor@eventpros.test') ?? null
  const demoOwnerFree =
    demoVendorOwner !== null &&
    (await pool.query('SELECT 1 FROM vendors WHERE owner_id = $1', [demoVendorOwner])).rowCount ===
      0

  onProgress?.(0, total)
  for (let start = 0; start < total; start += batchSize) {
    const size = Math.min(batchSize, total - start)
    const batch = Array.from({ length: size }, (_, i) => {
      const vendor = generateVendor(random, offset + start + i, towns, categories)
      return sampleRatings
        ? vendor
        : {
            ...vendor,
            ratingAverage: 0,
            ratingCount: 0,
            responseRate: null,
            medianResponseHours: null,
          }
    })
    const owners = batch.map((_, i) => (start + i === 0 && demoOwnerFree ? demoVendorOwner : null))
    if (owners[0] === demoVendorOwner && batch[0]) {
      // The demo vendor login owns a complete, visible, verified showcase profile.
      Object.assign(batch[0], {
        status: 'active',
        tier: 'showcase',
        verificationStatus: 'verified',
      })
    }
    await insertVendorBatch(payload, batch, owners, credentials, offset + start)
    onProgress?.(start + size, total)
  }
  // No reviews yet is a score of 0, not NULL: "best rated first" sorts NULLs first in
  // PostgreSQL, which put unreviewed vendors at the top of the home page's featured list.
  await pool.query('UPDATE vendors SET rating_score = 0 WHERE rating_score IS NULL')
  if (portfolios) await seedDemoPortfolios(payload, databasePool(payload), batchSize)
  const jobs = await seedDemoJobs(payload)
  await seedDemoReviews(payload)
  // Response figures and badges as the daily task would have left them.
  await recomputeFavourites(await createLocalReq({}, payload))
  return {
    categories: categories.length + SEED_CATEGORIES.length,
    accounts: ids.size,
    vendors: total,
    jobs,
  }
}
