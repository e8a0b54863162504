import type { Metadata } from 'next'

import { PolicyPage } from '@/components/policy/PolicyPage'
import { PRIVACY_POLICY } from '@/lib/privacy/policyContent'

export const metadata: Metadata = {
  title: 'Privacy policy',
  description:
    'What Event Pros NZ collects, why, who sees it, how long it is kept, and how to download or delete your data.',
}

export default function PrivacyPage() {
  return <PolicyPage document={PRIVACY_POLICY} />
}
