import type { UserFeature } from './types'

export const consentFeature: UserFeature = {}
