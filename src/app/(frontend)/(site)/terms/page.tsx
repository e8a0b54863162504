import type { Metadata } from 'next'

import { PolicyPage } from '@/components/policy/PolicyPage'
import { TERMS_OF_USE } from '@/lib/privacy/policyContent'

export const metadata: Metadata = {
  title: 'Terms of use',
  description: 'How organizers, vendors and Event Pros NZ deal with each other on the marketplace.',
}

export default function TermsPage() {
  return <PolicyPage document={TERMS_OF_USE} />
}
