import type { TaskConfig } from 'payload'

import { erasureTasks } from './erasure/tasks'
import { exportTasks } from './export/tasks'
import { retentionTasks } from './retention/tasks'

/** The privacy work on the marketplace queue: data exports, erasure after the grace period, retention. */
export const privacyTasks: TaskConfig[] = [...exportTasks, ...erasureTasks, ...retentionTasks]
