import type { UserFeature } from './types'

export const oauthFeature: UserFeature = {}
