import type { UserFeature } from './types'

export const suspensionFeature: UserFeature = {}
