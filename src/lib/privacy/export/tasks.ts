import type { TaskConfig } from 'payload'

export const exportTasks: TaskConfig[] = []
