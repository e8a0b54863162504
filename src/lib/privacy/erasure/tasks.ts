import type { TaskConfig } from 'payload'

export const erasureTasks: TaskConfig[] = []
