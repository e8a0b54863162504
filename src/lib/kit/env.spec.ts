import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { EnvError, parseEnv } from './env'

const dataDir = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'env-spec-')), 'postgres')

const problemsOf = (env: Record<string, string | undefined>): string[] => {
  try {
    parseEnv(env)
  } catch (error) {
    if (error instanceof EnvError) return error.problems
    throw error
  }
  return []
}

describe('parseEnv', () => {
  it('runs the embedded default with no variables at all, keeping a generated secret', () => {
    const dir = dataDir()
    const first = parseEnv({ EMBEDDED_PG_DATA_DIR: dir })
    expect(first.usesEmbeddedPostgres).toBe(true)
    expect(first.EMBEDDED_PG_PORT).toBe(54329)
    expect(first.PAYLOAD_SECRET).toHaveLength(64)
    expect(parseEnv({ EMBEDDED_PG_DATA_DIR: dir }).PAYLOAD_SECRET).toBe(first.PAYLOAD_SECRET)
  })

  it('names each bad variable', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://nope',
      EMBEDDED_PG_PORT: '99999',
      EMAIL_FROM_ADDRESS: 'not-an-email',
      NODE_ENV: 'staging',
    })
    expect(problems.join('\n')).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/)
    expect(problems.join('\n')).toMatch(/EMBEDDED_PG_PORT/)
    expect(problems.join('\n')).toMatch(/EMAIL_FROM_ADDRESS/)
    expect(problems.join('\n')).toMatch(/NODE_ENV/)
  })

  it('requires a real secret with a real database, and SMTP credentials in pairs', () => {
    const problems = problemsOf({
      DATABASE_URL: 'postgres://u:p@db:5432/eventpros',
      SMTP_USER: 'mailer',
    })
    expect(problems).toContain(
      'PAYLOAD_SECRET: is required when DATABASE_URL points at a real server',
    )
    expect(problems).toContain('SMTP_PASS: SMTP_USER and SMTP_PASS must be set together')
    expect(problems).toContain('SMTP_HOST: is required with SMTP_USER')
  })

  it('takes the client id and secret of each sign-in provider only as a pair', () => {
    const dir = dataDir()
    expect(problemsOf({ EMBEDDED_PG_DATA_DIR: dir, GOOGLE_CLIENT_ID: 'id.apps' })).toEqual([
      'GOOGLE_CLIENT_SECRET: GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET must be set together',
    ])
    expect(problemsOf({ EMBEDDED_PG_DATA_DIR: dir, FACEBOOK_CLIENT_SECRET: 'secret' })).toEqual([
      'FACEBOOK_CLIENT_ID: FACEBOOK_CLIENT_ID and FACEBOOK_CLIENT_SECRET must be set together',
    ])
    expect(problemsOf({ EMBEDDED_PG_DATA_DIR: dir, GOOGLE_ISSUER: 'not a url' })).toHaveLength(1)
    expect(parseEnv({ EMBEDDED_PG_DATA_DIR: dir }).GOOGLE_ISSUER).toBe(
      'https://accounts.google.com',
    )
  })

  it('takes Stripe keys only as a valid pair, and an API URL only with them', () => {
    const dir = dataDir()
    expect(problemsOf({ EMBEDDED_PG_DATA_DIR: dir, STRIPE_SECRET_KEY: 'sk_test_abc123' })).toEqual([
      'STRIPE_WEBHOOK_SECRET: STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set together',
    ])
    expect(
      problemsOf({
        EMBEDDED_PG_DATA_DIR: dir,
        STRIPE_SECRET_KEY: 'pk_test_abc123',
        STRIPE_WEBHOOK_SECRET: 'whsec_abc',
      }),
    ).toEqual(['STRIPE_SECRET_KEY: must be a Stripe secret key (sk_test_… or sk_live_…)'])
    expect(
      problemsOf({ EMBEDDED_PG_DATA_DIR: dir, STRIPE_API_URL: 'http://127.0.0.1:12111' }),
    ).toEqual(['STRIPE_SECRET_KEY: is required with STRIPE_API_URL'])
    const env = parseEnv({
      EMBEDDED_PG_DATA_DIR: dir,
      STRIPE_SECRET_KEY: 'sk_live_abc123',
      STRIPE_WEBHOOK_SECRET: 'whsec_abc',
    })
    expect(env.STRIPE_API_URL).toBeUndefined()
  })

  it('seeds demo data by default only on the embedded database', () => {
    expect(parseEnv({ EMBEDDED_PG_DATA_DIR: dataDir() }).seedDemoData).toBe(true)
    expect(
      parseEnv({ DATABASE_URL: 'postgres://u:p@db/x', PAYLOAD_SECRET: 'x'.repeat(32) })
        .seedDemoData,
    ).toBe(false)
    expect(
      parseEnv({ EMBEDDED_PG_DATA_DIR: dataDir(), SEED_DEMO_DATA: 'false' }).seedDemoData,
    ).toBe(false)
  })
})

describe('private files folder', () => {
  it('must not overlap the public media folder in either direction', () => {
    const dir = dataDir()
    for (const [media, privateDir] of [
      ['media', 'media/private'],
      ['/srv/files', '/srv'],
      ['media', './media'],
    ]) {
      expect(
        problemsOf({ EMBEDDED_PG_DATA_DIR: dir, MEDIA_DIR: media, PRIVATE_FILES_DIR: privateDir }),
      ).toEqual([
        'PRIVATE_FILES_DIR: must be outside MEDIA_DIR (and MEDIA_DIR outside it): public routes serve MEDIA_DIR',
      ])
    }
    expect(
      problemsOf({
        EMBEDDED_PG_DATA_DIR: dir,
        MEDIA_DIR: 'media',
        PRIVATE_FILES_DIR: 'media-private',
      }),
    ).toEqual([])
  })
})

describe('backup folder', () => {
  it('must not overlap a folder it backs up', () => {
    const dir = dataDir()
    expect(problemsOf({ EMBEDDED_PG_DATA_DIR: dir, BACKUP_DIR: 'media/backups' })).toEqual([
      'BACKUP_DIR: must be outside MEDIA_DIR',
    ])
    expect(problemsOf({ EMBEDDED_PG_DATA_DIR: dir, BACKUP_DIR: '.data' })).toEqual([
      'BACKUP_DIR: must be outside PRIVATE_FILES_DIR',
    ])
    expect(problemsOf({ EMBEDDED_PG_DATA_DIR: dir, BACKUP_DIR: '/var/backups/eventpros' })).toEqual(
      [],
    )
  })
})

describe('error tracking', () => {
  it('takes a Sentry DSN and refuses anything else', () => {
    const dir = dataDir()
    expect(
      problemsOf({
        EMBEDDED_PG_DATA_DIR: dir,
        SENTRY_DSN: 'https://abc123@o1.ingest.sentry.io/42',
      }),
    ).toEqual([])
    for (const wrong of [
      'https://o1.ingest.sentry.io/42',
      'https://abc@o1.ingest.sentry.io/',
      'ftp://abc@host/42',
      'sentry',
    ])
      expect(problemsOf({ EMBEDDED_PG_DATA_DIR: dir, SENTRY_DSN: wrong })).toEqual([
        expect.stringMatching(/^SENTRY_DSN: /),
      ])
  })
})
