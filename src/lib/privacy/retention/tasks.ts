import type { TaskConfig } from 'payload'

export const retentionTasks: TaskConfig[] = []
