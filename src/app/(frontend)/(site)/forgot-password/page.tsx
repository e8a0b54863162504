import type { Metadata } from 'next'

import { ForgotPasswordForm } from '@/components/forms/ForgotPasswordForm'

export const metadata: Metadata = { title: 'Forgot password' }

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto flex max-w-md flex-col gap-6">
      <h1 className="text-2xl font-bold">Forgot your password?</h1>
      <p className="text-gray-700">
        Enter your email and we will send you a link to choose a new one.
      </p>
      <ForgotPasswordForm />
    </div>
  )
}
