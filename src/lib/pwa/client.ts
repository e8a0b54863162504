import { PERSONAL_CACHES } from './cachePolicy'

/**
 * Empties the stored pages (jobs, quotes, conversations a person opened) so the next person on
 * this device finds none: on logging out, and whenever the sign-in page is shown.
 */
export const forgetStoredPages = async () => {
  if (typeof caches === 'undefined') return
  await Promise.all(PERSONAL_CACHES.map((name) => caches.delete(name).catch(() => false)))
}
