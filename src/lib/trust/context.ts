// TEMPORARY while the trust branch of issue 17 is merged: the writers' marks live in access/writers.ts.
import { WRITERS, writingAs } from '@/access/writers'

export const TRUST_CONTEXT_KEY = WRITERS.trust
export const trustContext = writingAs('trust')
