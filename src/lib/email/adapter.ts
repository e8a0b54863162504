import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import nodemailer from 'nodemailer'
import type { EmailAdapter } from 'payload'

import type { Env } from '@/lib/kit/env'
import { metrics } from '@/lib/operations/metrics'

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

/** Each message handed to the transport is counted, sent or failed (`GET /api/metrics`). */
const counted =
  (adapter: EmailAdapter): EmailAdapter =>
  (args) => {
    const inner = adapter(args)
    return {
      ...inner,
      sendEmail: async (message) => {
        try {
          const sent: unknown = await inner.sendEmail(message)
          metrics().emails.inc({ outcome: 'sent' })
          return sent
        } catch (error) {
          metrics().emails.inc({ outcome: 'failed' })
          throw error
        }
      },
    }
  }

/**
 * The app's email adapter: each message gets a plain-text part beside its HTML, and is counted.
 */
export const emailAdapter = async (env: Env) => counted(withPlainText(await transportAdapter(env)))
