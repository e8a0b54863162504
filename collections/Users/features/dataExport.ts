import type { UserFeature } from './types'

export const dataExportFeature: UserFeature = {}
