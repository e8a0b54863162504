export type MenuRole = 'anonymous' | 'organizer' | 'vendor' | 'moderator' | 'admin'

export type MenuItem = { label: string; href: string }

const ORGANIZER: MenuItem[] = [
  { label: 'Find vendors', href: '/vendors' },
  { label: 'Saved', href: '/saved' },
  { label: 'My jobs', href: '/my-jobs' },
  { label: 'Post a job', href: '/jobs/new' },
  { label: 'Bookings', href: '/bookings' },
  { label: 'Inbox', href: '/inbox' },
  { label: 'Account', href: '/account' },
]

const VENDOR: MenuItem[] = [
  { label: 'Job board', href: '/jobs' },
  { label: 'Quotes', href: '/quotes' },
  { label: 'Bookings', href: '/bookings' },
  { label: 'Calendar', href: '/calendar' },
  { label: 'Inbox', href: '/inbox' },
  { label: 'My business', href: '/admin' },
  { label: 'Account', href: '/account' },
]

const STAFF: MenuItem[] = [
  { label: 'Find vendors', href: '/vendors' },
  { label: 'Moderation', href: '/admin/moderation' },
  { label: 'Admin', href: '/admin' },
  { label: 'Inbox', href: '/inbox' },
  { label: 'Account', href: '/account' },
]

const ANONYMOUS: MenuItem[] = [
  { label: 'Find vendors', href: '/vendors' },
  { label: 'Pricing', href: '/pricing' },
  { label: 'Log in', href: '/login' },
  { label: 'Sign up', href: '/signup' },
]

/**
 * Every destination a person in this role has, in the order the phone menu lists them. Log out
 * is not a link (it posts to the API), so the menu adds its button after these for anyone signed in.
 */
export const menuItemsFor = (role: MenuRole): MenuItem[] => {
  switch (role) {
    case 'organizer':
      return ORGANIZER
    case 'vendor':
      return VENDOR
    case 'moderator':
    case 'admin':
      return STAFF
    default:
      return ANONYMOUS
  }
}

/** The role the menu is built for: unknown or missing roles get the public menu, never staff links. */
export const menuRoleOf = (user: { role?: string | null } | null | undefined): MenuRole => {
  const role = user?.role
  return role === 'organizer' || role === 'vendor' || role === 'moderator' || role === 'admin'
    ? role
    : 'anonymous'
}

/**
 * Whether `href` is the page being shown, for `aria-current="page"`: the exact path, or a page
 * under it (`/my-jobs/12` is within "My jobs") — except that the shortest prefix loses to a
 * longer item (`/jobs/new` is "Post a job", not "Job board"; `/admin/moderation` is not "Admin").
 */
export const currentHref = (items: MenuItem[], pathname: string): string | null => {
  const within = items
    .map((item) => item.href)
    .filter((href) => pathname === href || pathname.startsWith(`${href}/`))
  return within.sort((a, b) => b.length - a.length)[0] ?? null
}
