import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import ipaddr from 'ipaddr.js'
import { z } from 'zod'

/**
 * Every environment variable the app reads, validated once. Anything else in the code reads
 * `env` from here, never `process.env`, so a bad value stops the app at start-up with a
 * message naming the variable instead of failing later on a user's request.
 */

const emptyToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value

const optionalString = z.preprocess(emptyToUndefined, z.string().optional())

/** `a, b,c` as `['a', 'b', 'c']`; unset as none. */
const commaList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  )
const port = (fallback: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(fallback))
const bool = (fallback: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .default(fallback ? 'true' : 'false')
      .transform((value) => ['true', '1', 'yes'].includes(value)),
  )

/** Whether one folder is the other or inside it. */
const overlaps = (a: string, b: string) => {
  const [first, second] = [path.resolve(a), path.resolve(b)]
  const inside = (parent: string, child: string) =>
    child === parent || child.startsWith(parent + path.sep)
  return inside(first, second) || inside(second, first)
}

/** A DSN as Sentry issues them: its public key as the user name, the project id last. */
const isSentryDsn = (value: string) => {
  const url = URL.parse(value)
  return (
    url !== null &&
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.username !== '' &&
    /\/\d+$/.test(url.pathname)
  )
}

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .url()
        .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// URL')
        .optional(),
    ),
    EMBEDDED_PG_PORT: port(54329),
    EMBEDDED_PG_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('.data/postgres')),
    PAYLOAD_SECRET: z.preprocess(
      emptyToUndefined,
      z.string().min(32, 'must be at least 32 characters').optional(),
    ),
    NEXT_PUBLIC_SERVER_URL: z.preprocess(
      emptyToUndefined,
      z.url().default('http://localhost:3000'),
    ),
    SEED_DEMO_DATA: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).optional()),
    SMTP_HOST: optionalString,
    SMTP_PORT: port(587),
    SMTP_USER: optionalString,
    SMTP_PASS: optionalString,
    SMTP_SECURE: bool(false),
    EMAIL_FROM_ADDRESS: z.preprocess(emptyToUndefined, z.email().default('hello@eventpros.nz')),
    EMAIL_FROM_NAME: z.preprocess(emptyToUndefined, z.string().default('Event Pros NZ')),
    MAIL_DIR: z.preprocess(emptyToUndefined, z.string().default('.data/mail')),
    MEDIA_DIR: z.preprocess(emptyToUndefined, z.string().default('media')),
    PRIVATE_FILES_DIR: z.preprocess(emptyToUndefined, z.string().default('.data/private-files')),
    /** Where `npm run backup` writes its archives unless given a folder or file. */
    BACKUP_DIR: z.preprocess(emptyToUndefined, z.string().default('backups')),
    MEILISEARCH_HOST: z.preprocess(
      emptyToUndefined,
      z
        .url()
        .refine((value) => /^https?:\/\//.test(value), 'must be an http(s):// URL')
        .optional(),
    ),
    MEILISEARCH_API_KEY: optionalString,
    MEILISEARCH_INDEX_PREFIX: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[a-zA-Z0-9_-]{1,40}$/, 'letters, digits, - and _ only')
        .default('eventpros'),
    ),
    NEXT_PUBLIC_MAPBOX_TOKEN: optionalString,
    MAPBOX_SERVER_TOKEN: optionalString,
    SEARCH_SYNC_CRON: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^(off|[\d*/,-]+( [\d*/,-]+){4,5})$/, 'must be a cron expression or off')
        .default('*/2 * * * * *'),
    ),
    MAX_QUOTES_PER_JOB: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number()
        .int()
        .min(1, 'must be at least 1')
        .max(100, 'must be 100 or less')
        .default(8),
    ),
    MESSAGE_CONTACT_MASKING: bool(true),
    PUSHER_APP_ID: optionalString,
    PUSHER_KEY: optionalString,
    PUSHER_SECRET: optionalString,
    PUSHER_CLUSTER: optionalString,
    PUSHER_HOST: optionalString,
    PUSHER_PORT: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(1).max(65535).optional(),
    ),
    PUSHER_USE_TLS: bool(true),
    PUSHER_PUBLIC_HOST: optionalString,
    PUSHER_PUBLIC_PORT: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(1).max(65535).optional(),
    ),
    STRIPE_SECRET_KEY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a Stripe secret key (sk_test_… or sk_live_…)')
        .optional(),
    ),
    STRIPE_WEBHOOK_SECRET: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^whsec_\w+$/, 'must be a webhook signing secret (whsec_…)')
        .optional(),
    ),
    STRIPE_API_URL: z.preprocess(
      emptyToUndefined,
      z
        .url()
        .refine((value) => /^https?:\/\//.test(value), 'must be an http(s):// URL')
        .optional(),
    ),
    MARKETPLACE_JOBS_CRON: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^(off|[\d*/,-]+( [\d*/,-]+){4,5})$/, 'must be a cron expression or off')
        .default('*/5 * * * * *'),
    ),
    /**
     * Whether vendors' calendar addresses may point at private, loopback or link-local hosts.
     * Never in production: it lets a vendor make the server fetch from its own network. The
     * tests serve calendars on 127.0.0.1 and turn it on.
     */
    CALENDAR_FETCH_ALLOW_PRIVATE: z.preprocess(
      emptyToUndefined,
      z
        .enum(['true', 'false'], 'must be true or false')
        .default('false')
        .transform((value) => value === 'true'),
    ),
    /**
     * Private, loopback or link-local addresses that webhook destinations may use, comma
     * separated (e.g. `127.0.0.1`), and only those over plain http or on any port. Never
     * in production: it lets an integrator make the server post into its own network. The tests
     * run their receivers on 127.0.0.1 and set it; every address not listed is still refused.
     */
    WEBHOOKS_ALLOWED_PRIVATE_ADDRESSES: z.preprocess(
      emptyToUndefined,
      commaList.refine(
        (addresses) => addresses.every((address) => ipaddr.isValid(address)),
        'must be IP addresses separated by commas',
      ),
    ),
    /** How many proxies in front of the app append to X-Forwarded-For; 0 trusts no header. */
    TRUSTED_PROXIES: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(0).max(10, 'must be 10 or less').default(0),
    ),
    /** Client addresses the rate limits never count (a monitoring host, the test runner). */
    RATE_LIMIT_EXEMPT: z.preprocess(emptyToUndefined, commaList),
    /** Days a new admin or moderator may work before two-factor sign-in is required. */
    STAFF_2FA_GRACE_DAYS: z.preprocess(
      emptyToUndefined,
      z.coerce.number().min(0).max(30, 'must be 30 or less').default(0),
    ),
    /** Sign in with Google or Facebook: each provider is offered only when both are set. */
    GOOGLE_CLIENT_ID: optionalString,
    GOOGLE_CLIENT_SECRET: optionalString,
    /** Where Google's discovery document is read; a local OpenID Connect server in tests. */
    GOOGLE_ISSUER: z.preprocess(emptyToUndefined, z.url().default('https://accounts.google.com')),
    FACEBOOK_CLIENT_ID: optionalString,
    FACEBOOK_CLIENT_SECRET: optionalString,
    /** Facebook's login dialog and Graph API, versioned; another version or a local server. */
    FACEBOOK_DIALOG_URL: z.preprocess(
      emptyToUndefined,
      z.url().default('https://www.facebook.com/v23.0/dialog/oauth'),
    ),
    FACEBOOK_GRAPH_URL: z.preprocess(
      emptyToUndefined,
      z.url().default('https://graph.facebook.com/v23.0'),
    ),
    /**
     * Object storage for uploads (any S3-compatible service). Unset, files stay on local disk
     * (MEDIA_DIR, PRIVATE_FILES_DIR). Set S3_BUCKET with its region and keys; S3_ENDPOINT for
     * a service other than AWS (R2, MinIO, a local test server), usually with path-style URLs.
     */
    S3_BUCKET: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')
        .optional(),
    ),
    S3_REGION: z.preprocess(emptyToUndefined, z.string().default('us-east-1')),
    S3_ENDPOINT: z.preprocess(
      emptyToUndefined,
      z
        .url()
        .refine((value) => /^https?:\/\//.test(value), 'must be an http(s):// URL')
        .optional(),
    ),
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    S3_FORCE_PATH_STYLE: bool(false),
    /** The bearer token `GET /api/metrics` asks for; unset, the metrics are not served at all. */
    METRICS_TOKEN: z.preprocess(
      emptyToUndefined,
      z.string().min(16, 'must be at least 16 characters').optional(),
    ),
    /** `json`: one JSON object per line (production's default); `pretty`: for a terminal. */
    LOG_FORMAT: z.preprocess(emptyToUndefined, z.enum(['json', 'pretty']).optional()),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
    /** Error tracking with Sentry; unset, nothing is sent anywhere. */
    SENTRY_DSN: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine(isSentryDsn, 'must be a Sentry DSN: https://<public key>@<host>/<project id>')
        .optional(),
    ),
    SENTRY_ENVIRONMENT: optionalString,
    /** The release errors are filed under (a version or commit); unset, Sentry groups none. */
    SENTRY_RELEASE: optionalString,
  })
  .superRefine((value, ctx) => {
    if (value.DATABASE_URL && !value.PAYLOAD_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['PAYLOAD_SECRET'],
        message: 'is required when DATABASE_URL points at a real server',
      })
    }
    if ((value.SMTP_USER && !value.SMTP_PASS) || (!value.SMTP_USER && value.SMTP_PASS)) {
      ctx.addIssue({
        code: 'custom',
        path: [value.SMTP_USER ? 'SMTP_PASS' : 'SMTP_USER'],
        message: 'SMTP_USER and SMTP_PASS must be set together',
      })
    }
    if (value.MEILISEARCH_API_KEY && !value.MEILISEARCH_HOST) {
      ctx.addIssue({
        code: 'custom',
        path: ['MEILISEARCH_HOST'],
        message: 'is required with MEILISEARCH_API_KEY',
      })
    }
    const pusher = [value.PUSHER_APP_ID, value.PUSHER_KEY, value.PUSHER_SECRET]
    if (pusher.some(Boolean) && !pusher.every(Boolean)) {
      ctx.addIssue({
        code: 'custom',
        path: [
          !value.PUSHER_APP_ID
            ? 'PUSHER_APP_ID'
            : !value.PUSHER_KEY
              ? 'PUSHER_KEY'
              : 'PUSHER_SECRET',
        ],
        message: 'PUSHER_APP_ID, PUSHER_KEY and PUSHER_SECRET must be set together',
      })
    }
    if ((value.PUSHER_HOST || value.PUSHER_PORT) && !value.PUSHER_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUSHER_KEY'],
        message: 'is required with PUSHER_HOST',
      })
    }
    if (Boolean(value.STRIPE_SECRET_KEY) !== Boolean(value.STRIPE_WEBHOOK_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [value.STRIPE_SECRET_KEY ? 'STRIPE_WEBHOOK_SECRET' : 'STRIPE_SECRET_KEY'],
        message: 'STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set together',
      })
    }
    if (value.STRIPE_API_URL && !value.STRIPE_SECRET_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['STRIPE_SECRET_KEY'],
        message: 'is required with STRIPE_API_URL',
      })
    }
    if (overlaps(value.MEDIA_DIR, value.PRIVATE_FILES_DIR)) {
      ctx.addIssue({
        code: 'custom',
        path: ['PRIVATE_FILES_DIR'],
        message:
          'must be outside MEDIA_DIR (and MEDIA_DIR outside it): public routes serve MEDIA_DIR',
      })
    }
    for (const folder of [value.MEDIA_DIR, value.PRIVATE_FILES_DIR]) {
      // A backup inside what it backs up would carry the previous backups with it.
      if (overlaps(value.BACKUP_DIR, folder)) {
        ctx.addIssue({
          code: 'custom',
          path: ['BACKUP_DIR'],
          message: `must be outside ${folder === value.MEDIA_DIR ? 'MEDIA_DIR' : 'PRIVATE_FILES_DIR'}`,
        })
      }
    }
    for (const provider of ['GOOGLE', 'FACEBOOK'] as const) {
      const [id, secret] = [`${provider}_CLIENT_ID`, `${provider}_CLIENT_SECRET`] as const
      if (Boolean(value[id]) !== Boolean(value[secret])) {
        ctx.addIssue({
          code: 'custom',
          path: [value[id] ? secret : id],
          message: `${id} and ${secret} must be set together`,
        })
      }
    }
    if (Boolean(value.S3_ACCESS_KEY_ID) !== Boolean(value.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: [value.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'],
        message: 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together',
      })
    }
    if ((value.S3_ENDPOINT || value.S3_ACCESS_KEY_ID) && !value.S3_BUCKET) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required with S3_ENDPOINT' })
    }
    if ((value.SMTP_USER || value.SMTP_PASS) && !value.SMTP_HOST) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_HOST'], message: 'is required with SMTP_USER' })
    }
  })

export type Env = z.infer<typeof schema> & {
  PAYLOAD_SECRET: string
  /** True when no DATABASE_URL is given and the app runs its own PostgreSQL. */
  usesEmbeddedPostgres: boolean
  seedDemoData: boolean
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid environment configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'See .env.example for every variable and what it means.',
    )
    this.name = 'EnvError'
  }
}

/** The embedded default has no keys to configure, so it keeps a random secret on disk. */
const embeddedSecret = (dataDir: string): string => {
  const file = path.resolve(path.dirname(path.resolve(dataDir)), 'payload-secret')
  try {
    return fs.readFileSync(file, 'utf8').trim()
  } catch {
    const secret = randomBytes(32).toString('hex')
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, secret, { mode: 0o600 })
    return secret
  }
}

export const parseEnv = (source: Record<string, string | undefined>): Env => {
  const result = schema.safeParse(source)
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => `${issue.path.join('.') || 'env'}: ${issue.message}`),
    )
  }
  const value = result.data
  const usesEmbeddedPostgres = !value.DATABASE_URL
  return {
    ...value,
    PAYLOAD_SECRET: value.PAYLOAD_SECRET ?? embeddedSecret(value.EMBEDDED_PG_DATA_DIR),
    usesEmbeddedPostgres,
    seedDemoData:
      value.SEED_DEMO_DATA === undefined
        ? usesEmbeddedPostgres && value.NODE_ENV !== 'test'
        : value.SEED_DEMO_DATA === 'true',
  }
}

let cached: Env | undefined

export const getEnv = (): Env => {
  cached ??= parseEnv(process.env)
  return cached
}
