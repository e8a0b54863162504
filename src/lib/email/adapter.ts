import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import nodemailer from 'nodemailer'

import type { Env } from '@/lib/kit/env'

import { fileTransport } from './fileTransport'

/** SMTP when configured; otherwise messages are written to MAIL_DIR for a developer to open. */
export const emailAdapter = (env: Env) => {
  const defaults = {
    defaultFromAddress: env.EMAIL_FROM_ADDRESS,
    defaultFromName: env.EMAIL_FROM_NAME,
  }
  if (env.SMTP_HOST) {
    return nodemailerAdapter({
      ...defaults,
      transportOptions: {
        host: env.SMTP_HOST,
        port: env.SMTP_PORT,
        secure: env.SMTP_SECURE,
        auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASS } : undefined,
      },
    })
  }
  return nodemailerAdapter({
    ...defaults,
    skipVerify: true,
    transport: nodemailer.createTransport(
      fileTransport(env.MAIL_DIR, (line) => console.info(`[mail] ${line}`)),
    ),
  })
}
