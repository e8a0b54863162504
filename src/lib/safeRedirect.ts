/** Only same-site paths are followed after login, so a link cannot send people elsewhere. */
export const safeNextPath = (value: string | null | undefined, fallback = '/account'): string =>
  value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')
    ? value
    : fallback
