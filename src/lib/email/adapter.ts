import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import nodemailer from 'nodemailer'

import type { Env } from '@/lib/kit/env'

import { fileTransport } from './fileTransport'
import { withPlainText } from './plainText'

/** SMTP when configured; otherwise messages are written to MAIL_DIR for a developer to open. */
const transportAdapter = (env: Env) => {
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

/** The app's email adapter: each message gets a plain-text part beside its HTML. */
export const emailAdapter = async (env: Env) => withPlainText(await transportAdapter(env))
