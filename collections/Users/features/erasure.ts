import type { UserFeature } from './types'

export const erasureFeature: UserFeature = {}
