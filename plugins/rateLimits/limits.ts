/**
 * Every rate limit the marketplace applies, in one table: the README prints it (a test checks
 * the two agree), and nothing else in the code names a number of requests.
 */

export type LimitName =
  | 'login'
  | 'loginOffences'
  | 'registration'
  | 'forgotPassword'
  | 'searchAnonymous'
  | 'searchSignedIn'
  | 'messages'
  | 'reviews'
  | 'requests'
  | 'apiKeyRequests'
  | 'profileViews'
  | 'invitations'
  | 'calendarReads'

export type Limit = {
  /** How many the window allows. */
  points: number
  /** The window, in seconds, from the first one counted. */
  durationSeconds: number
  /** Whose budget it is, in words for the README. */
  per: string
  /** What is counted, in words for the README. */
  counts: string
  /** The sentence a refused person reads; `{wait}` becomes "about 12 minutes". */
  message: string
}

const MINUTE = 60
const HOUR = 60 * MINUTE

export const RATE_LIMITS: Record<LimitName, Limit> = {
  login: {
    points: 5,
    durationSeconds: 15 * MINUTE,
    per: 'IP address, and email address',
    counts:
      'failed sign-ins (REST, GraphQL and the form; a successful one does not count). The sixth is refused and the address or account is blocked for 15 minutes, doubling for each further block within a day, up to 24 hours',
    message:
      'Too many sign-in attempts. For your security, sign-in is paused: try again in {wait}, or reset your password.',
  },
  loginOffences: {
    points: 1000,
    durationSeconds: 24 * HOUR,
    per: 'IP address, and email address',
    counts:
      'sign-in blocks in the last day, each doubling the next (the progressive blocking above)',
    message: 'Too many sign-in attempts. Try again in {wait}.',
  },
  registration: {
    points: 3,
    durationSeconds: HOUR,
    per: 'IP address',
    counts: 'accounts created by people not signed in',
    message: 'Too many accounts were created from your network. Try again in {wait}.',
  },
  forgotPassword: {
    points: 3,
    durationSeconds: HOUR,
    per: 'IP address, and email address',
    counts: 'password-reset emails asked for',
    message: 'Too many password-reset requests. Check your inbox, or try again in {wait}.',
  },
  searchAnonymous: {
    points: 100,
    durationSeconds: HOUR,
    per: 'IP address',
    counts: '`GET /api/vendors/search` and `/api/jobs/search` without signing in',
    message:
      'Too many searches from your network. Sign in for a larger allowance, or try again in {wait}.',
  },
  searchSignedIn: {
    points: 1000,
    durationSeconds: HOUR,
    per: 'user (or API key)',
    counts: 'the same search calls, signed in',
    message: 'Too many searches. Try again in {wait}.',
  },
  messages: {
    points: 200,
    durationSeconds: HOUR,
    per: 'user',
    counts: 'messages sent',
    message:
      'You have sent 200 messages in the last hour, the most we allow. Please wait {wait} and try again.',
  },
  reviews: {
    points: 10,
    durationSeconds: HOUR,
    per: 'user',
    counts: 'reviews written (edits, responses and reports count in `requests`)',
    message:
      'You have written 10 reviews in the last hour, the most we allow. Try again in {wait}.',
  },
  requests: {
    points: 1000,
    durationSeconds: HOUR,
    per: 'user when signed in, otherwise IP address',
    counts: 'every REST and GraphQL request (`/api/*`), those above included',
    message: 'Too many requests. Try again in {wait}.',
  },
  apiKeyRequests: {
    points: 5000,
    durationSeconds: HOUR,
    per: 'API key',
    counts:
      'every REST and GraphQL request made with an API key (`Authorization: users API-Key …`)',
    message: 'This API key has used its hourly allowance. Try again in {wait}.',
  },
  profileViews: {
    points: 1,
    durationSeconds: 24 * HOUR,
    per: 'visitor (user when signed in, otherwise IP address) and vendor',
    counts:
      "views of a vendor's page counted for their dashboard (`POST /api/vendors/:id/views`); a repeat within the day is answered but not counted, and the vendor's own, staff's and bots' views are never counted",
    message: 'This view was already counted today.',
  },
  invitations: {
    points: 25,
    durationSeconds: 24 * HOUR,
    per: 'organizer',
    counts:
      'vendors invited to quote (`POST /api/jobs/:id/invitations`), each vendor one; a request that would go over is refused whole',
    message:
      'You can invite 25 vendors a day and this would go over. Try again in {wait}, or post the job for every vendor to see.',
  },
  calendarReads: {
    points: 10,
    durationSeconds: HOUR,
    per: 'vendor',
    counts:
      'outside calendars added, each read at once by our server (`POST /api/vendors/:id/calendar/subscriptions`): the server fetching addresses on request is not to be a scanner',
    message: 'You have added 10 calendars in the last hour. Try again in {wait}.',
  },
}

/** The longest a repeat offender's sign-in block grows to. */
export const LONGEST_LOGIN_BLOCK_SECONDS = 24 * HOUR

/** The README's table of limits, generated from the one above. */
export const limitsTable = (): string => {
  const window = (seconds: number) =>
    seconds % HOUR === 0 ? `${seconds / HOUR} h` : `${seconds / MINUTE} min`
  const rows = (Object.entries(RATE_LIMITS) as [LimitName, Limit][]).map(
    ([name, limit]) =>
      `| \`${name}\` | ${limit.points.toLocaleString('en-NZ')} per ${window(limit.durationSeconds)} | ${limit.per} | ${limit.counts} |`,
  )
  return ['| Limit | Allowance | Per | Counts |', '| --- | --- | --- | --- |', ...rows].join('\n')
}
