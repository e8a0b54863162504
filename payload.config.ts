import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sentryPlugin } from '@payloadcms/plugin-sentry'
import { captureException } from '@sentry/core'
import { buildConfig, type Plugin } from 'payload'
import sharp from 'sharp'

import { MARKETPLACE_QUEUE } from '@/lib/kit/email'
import { getEnv } from '@/lib/kit/env'

import { checkRole, isStaffUser } from './access/roles'
import { Applications } from './collections/Applications'
import { AuditLog } from './collections/AuditLog'
import { Bookings } from './collections/Bookings'
import { Categories } from './collections/Categories'
import { DataExports } from './collections/DataExports'
import { Jobs } from './collections/Jobs'
import { Media } from './collections/Media'
import { MessageAttachments } from './collections/MessageAttachments'
import { Messages } from './collections/Messages'
import { ProfileViews } from './collections/ProfileViews'
import { Invitations } from './collections/Invitations'
import { SavedLists } from './collections/SavedLists'
import { ReviewResponses } from './collections/ReviewResponses'
import { Reviews } from './collections/Reviews'
import { slugs } from './collections/slugs'
import { Threads } from './collections/Threads'
import { Users } from './collections/Users'
import { Vendors } from './collections/Vendors'
import { VerificationDocuments } from './collections/VerificationDocuments'
import { WebhookDeliveries } from './collections/WebhookDeliveries'
import { WebhookEndpoints } from './collections/WebhookEndpoints'
import { billingDriverFromEnv, billingPlugin, entitlementsOf } from './plugins/billing'
import { filesPlugin, privateFolder } from './plugins/files'
import { openApiPlugin } from './plugins/openapi'
import { rateLimitsPlugin } from './plugins/rateLimits'
import { realtimePlugin } from './plugins/realtime'
import { searchPlugin } from './plugins/search'
import { staffAuditPlugin } from './plugins/staffAudit'
import { strictInputPlugin } from './plugins/strictInput'
import { EVENT_TYPES, NZ_REGIONS, PRICE_RANGES } from './src/lib/constants'
import { mcpServerPlugin } from './src/lib/api/mcp'
import { graphqlSchemaEndpoint, referenceOptions } from './src/lib/api/reference'
import { databaseAdapter, logLostIdleConnections } from './src/lib/db/adapter'
import { emailAdapter } from './src/lib/email/adapter'
import { ogImageEndpoint } from './src/lib/admin/ogImage'
import { calendarFeedEndpoint } from './src/lib/calendar/endpoints'
import { busyPeriodsSql } from './src/lib/calendar/searchBusy'
import { unsubscribeEndpoints } from './src/lib/email/endpoints'
import { relocateLegacyPrivateFiles } from './src/lib/files/legacyPrivateFiles'
import { storagePlugins } from './src/lib/files/storage'
import { suggestPlaces } from './src/lib/geo/gazetteer'
import { ownVendor } from './src/lib/marketplace/ownVendor'
import { marketplaceTasks } from './src/lib/marketplace/tasks'
import { authorizeChannel, realtimeDriverFromEnv } from './src/lib/realtime'
import { geocoderFromEnv, jobSearchEngineFromEnv, searchEngineFromEnv } from './src/lib/search'
import { privacyTasks } from './src/lib/privacy/tasks'
import { seedIfEmpty } from './src/lib/seed/seedIfEmpty'
import { refuseSuspendedAccounts } from './src/lib/auth/suspension'
import { adminExportsPlugin, EXPORTS_SLUG, IMPORTS_SLUG } from './src/lib/trust/adminExports'
import { recordAudit } from './src/lib/trust/audit'
import { ensureAuditLogAppendOnly } from './src/lib/trust/auditLogGuard'
import { moderationQueuesEndpoint } from './src/lib/trust/endpoints'
import { SECRET_FIELDS } from './src/lib/trust/secretFields'
import { trustTasks } from './src/lib/trust/tasks'
import { webhookTasks } from './src/lib/webhooks/tasks'
import { claimJobsOneAtATime } from './src/lib/operations/jobClaims'
import { stopWithTheServer } from './src/lib/operations/lifecycle'
import { logger } from './src/lib/operations/logger'
import { operationsEndpoints } from './src/lib/operations/endpoints'
import { platformAnalyticsEndpoint } from './src/lib/analytics/endpoints'
import { browserErrorTracking, pluginContext } from './src/lib/operations/errorTracking'

/** A plugin's admin provider swapped for one of ours, in the same place. */
const replaceAdminProvider =
  (theirs: string, ours: string): Plugin =>
  (config) => ({
    ...config,
    admin: {
      ...config.admin,
      components: {
        ...config.admin?.components,
        providers: (config.admin?.components?.providers ?? []).map((provider) =>
          provider === theirs ? ours : provider,
        ),
      },
    },
  })

const dirname = path.dirname(fileURLToPath(import.meta.url))
const env = getEnv()

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

export default buildConfig({
  serverURL: env.NEXT_PUBLIC_SERVER_URL,
  secret: env.PAYLOAD_SECRET,
  admin: {
    user: Users.slug,
    // The default avatar, not Gravatar: no third-party request from the admin.
    avatar: 'default',
    meta: {
      titleSuffix: ' — Event Pros NZ',
      icons: [{ rel: 'icon', type: 'image/svg+xml', url: '/icons/icon.svg' }],
    },
    importMap: { baseDir: path.resolve(dirname, 'src') },
    components: {
      graphics: {
        Logo: '@/components/admin/Logo#Logo',
        Icon: '@/components/admin/Icon#Icon',
      },
      afterNavLinks: [
        '@/components/admin/ModerationNavLink#ModerationNavLink',
        '@/components/admin/AnalyticsNavLink#AnalyticsNavLink',
        '@/components/admin/SiteNavLinks#SiteNavLinks',
      ],
      beforeDashboard: ['@/components/admin/ModerationPanel#ModerationPanel'],
      // Payload's names and roles missing from a few of its widgets (axe), added as it renders.
      providers: [
        '@/components/admin/accessibility/AdminAccessibility#AdminAccessibility',
        // Browser errors in the admin go to Sentry when SENTRY_DSN is set; nothing otherwise.
        {
          path: '@/components/BrowserErrorTracking#BrowserErrorTracking',
          clientProps: browserErrorTracking(env) ?? {},
        },
      ],
      views: {
        dashboard: { Component: '@/components/admin/Dashboard#Dashboard' },
        moderation: {
          Component: '@/components/admin/ModerationView#ModerationView',
          path: '/moderation',
        },
        analytics: {
          Component: '@/components/admin/AnalyticsView#AnalyticsView',
          path: '/analytics',
        },
      },
    },
  },
  collections: [
    Users,
    Vendors,
    Categories,
    Media,
    Jobs,
    Applications,
    Bookings,
    Threads,
    Messages,
    MessageAttachments,
    Reviews,
    ReviewResponses,
    VerificationDocuments,
    AuditLog,
    DataExports,
    ProfileViews,
    SavedLists,
    Invitations,
    WebhookEndpoints,
    WebhookDeliveries,
  ],
  endpoints: [
    moderationQueuesEndpoint,
    ...unsubscribeEndpoints,
    ogImageEndpoint,
    calendarFeedEndpoint,
    graphqlSchemaEndpoint,
    ...operationsEndpoints,
    platformAnalyticsEndpoint,
  ],
  editor: lexicalEditor(),
  logger: logger(),
  db: databaseAdapter(env),
  email: emailAdapter(env),
  sharp,
  upload: { limits: { fileSize: MAX_UPLOAD_BYTES } },
  typescript: { outputFile: path.resolve(dirname, 'src/payload-types.ts') },
  cors: [env.NEXT_PUBLIC_SERVER_URL],
  csrf: [env.NEXT_PUBLIC_SERVER_URL],
  jobs: {
    // Payload's default lets anyone signed in run, queue or cancel jobs over REST; only admins
    // may (the scheduler runs them itself, as the system).
    access: {
      run: ({ req }) => checkRole(['admin'], req.user),
      queue: ({ req }) => checkRole(['admin'], req.user),
      cancel: ({ req }) => checkRole(['admin'], req.user),
    },
    tasks: [...marketplaceTasks, ...trustTasks, ...privacyTasks, ...webhookTasks],
    autoRun:
      env.MARKETPLACE_JOBS_CRON === 'off'
        ? []
        : [{ cron: env.MARKETPLACE_JOBS_CRON, queue: MARKETPLACE_QUEUE, limit: 50, silent: true }],
  },
  plugins: [
    realtimePlugin({ driver: realtimeDriverFromEnv(env), authorize: authorizeChannel }),
    searchPlugin({
      engine: searchEngineFromEnv(env),
      jobEngine: jobSearchEngineFromEnv(env),
      slugs: {
        vendors: slugs.vendors,
        categories: slugs.categories,
        jobs: slugs.jobs,
        media: slugs.media,
      },
      regions: NZ_REGIONS,
      priceRanges: PRICE_RANGES,
      eventTypes: EVENT_TYPES,
      access: {
        manageIndex: (user) => checkRole(['admin'], user),
        // Vendors, and staff whether or not they have set up two-step sign-in yet.
        searchJobs: (user) => ['vendor', 'admin', 'moderator'].includes(String(user?.role)),
      },
      searchBoost: ({ tier }) => entitlementsOf(tier).searchBoost,
      // Event dates and closed days are New Zealand days, as src/lib/marketplace/dates.ts reads them.
      timeZone: 'Pacific/Auckland',
      // Booked and busy-elsewhere days are taken too (src/lib/calendar/searchBusy.ts).
      busyPeriodsSql,
      geocoder: geocoderFromEnv(env),
      unknownPlace: (place) => `"${place}" is not a place in New Zealand we know`,
      suggestPlaces,
      autoRunCron: env.SEARCH_SYNC_CRON === 'off' ? false : env.SEARCH_SYNC_CRON,
    }),
    billingPlugin({
      driver: billingDriverFromEnv(env),
      access: {
        isAdmin: (user) => checkRole(['admin'], user),
        isStaff: isStaffUser,
        isVendor: (user) => checkRole(['vendor'], user),
      },
      ownVendor,
      recordAudit,
      slugs: { users: slugs.users, vendors: slugs.vendors },
    }),
    rateLimitsPlugin({
      authCollection: slugs.users,
      trustedProxies: env.TRUSTED_PROXIES,
      exempt: env.RATE_LIMIT_EXEMPT,
      // Stripe's signed webhook retries on its own schedule; balancers poll the probes.
      uncountedPaths: [/^\/api\/billing\/webhook\/?$/, /^\/api\/(health|ready)\/?$/],
      searchPaths: [/^\/api\/(vendors|jobs)\/search\/?$/],
    }),
    adminExportsPlugin({ storageDir: privateFolder(env.PRIVATE_FILES_DIR, EXPORTS_SLUG) }),
    mcpServerPlugin,
    // After the plugins that add collections, so it audits theirs too.
    staffAuditPlugin({
      isStaff: isStaffUser,
      record: recordAudit,
      auditCollection: slugs.auditLog,
      redact: [...SECRET_FIELDS],
      // Exports have an audit entry of their own; imports are off. Webhook deliveries are
      // written by the system while staff act, and carry copies of what they announce.
      skipCollections: [EXPORTS_SLUG, IMPORTS_SLUG, slugs.webhookDeliveries],
    }),
    // Before the files plugin, which guards the routes the adapter serves.
    ...storagePlugins(env),
    // Last, so they see every collection the plugins above add.
    filesPlugin({
      privateCollections: [slugs.verificationDocuments, slugs.messageAttachments],
      uncachedCollections: [EXPORTS_SLUG],
      privateDir: env.PRIVATE_FILES_DIR,
    }),
    // After every plugin that adds endpoints, so it knows which routes are custom.
    openApiPlugin(referenceOptions),
    strictInputPlugin(),
    // After the strict input plugin, whose afterError hook marks a client's mistake as such:
    // only our own failures are reported. Always on, so the admin's import map is the same with
    // or without a DSN; without one Sentry has no client and `captureException` sends nothing.
    sentryPlugin({ Sentry: { captureException }, options: { context: pluginContext } }),
    // Its admin boundary renders nothing when a part of the admin fails: ours says so instead.
    replaceAdminProvider(
      '@payloadcms/plugin-sentry/client#AdminErrorBoundary',
      '@/components/admin/AdminErrorBoundary#AdminErrorBoundary',
    ),
  ],
  onInit: async (payload) => {
    logLostIdleConnections(payload)
    stopWithTheServer(payload)
    claimJobsOneAtATime(payload)
    refuseSuspendedAccounts(payload)
    await ensureAuditLogAppendOnly(payload)
    // Production moves them in a migration; development pushes its schema and runs none.
    if (env.NODE_ENV !== 'production') {
      await relocateLegacyPrivateFiles((payload.db as unknown as PostgresAdapter).drizzle, {
        mediaDir: env.MEDIA_DIR,
        privateDir: env.PRIVATE_FILES_DIR,
      })
    }
    if (env.seedDemoData) await seedIfEmpty(payload)
  },
})
