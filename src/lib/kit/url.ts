import { getEnv } from './env'

export const serverUrl = (path = ''): string =>
  `${getEnv().NEXT_PUBLIC_SERVER_URL.replace(/\/$/, '')}${path}`
