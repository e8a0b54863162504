import { type CollectionBeforeValidateHook, ValidationError } from 'payload'

import { describePasswordProblems, passwordProblems } from '@/lib/auth/passwordPolicy'
import type { User } from '@/payload-types'

import { slugs } from '../../slugs'

export const enforcePasswordPolicy: CollectionBeforeValidateHook<User> = ({
  data,
  originalDoc,
}) => {
  const password = (data as { password?: unknown } | undefined)?.password
  if (typeof password !== 'string') return data
  const problems = passwordProblems(password, {
    email: data?.email ?? originalDoc?.email,
    firstName: data?.firstName ?? originalDoc?.firstName,
    lastName: data?.lastName ?? originalDoc?.lastName,
  })
  if (problems.length > 0) {
    throw new ValidationError({
      collection: slugs.users,
      errors: [{ path: 'password', message: describePasswordProblems(problems) }],
    })
  }
  return data
}
