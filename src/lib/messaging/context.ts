// TEMPORARY while the trust branch of issue 17 is merged: the writers' marks live in access/writers.ts.
import { writingAs } from '@/access/writers'

export const messagingContext = writingAs('messaging')
