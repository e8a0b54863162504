import fs from 'node:fs/promises'
import path from 'node:path'

import type { Transport } from 'nodemailer'
import type MailMessage from 'nodemailer/lib/mailer/mail-message'

/**
 * The embedded default's "mail server": every message becomes an .eml file in `dir` (open it
 * in any mail client, or read the links in it) and a line in the log.
 */
let sequence = 0

export const fileTransport = (dir: string, log: (line: string) => void): Transport => ({
  name: 'eventpros-file',
  version: '1.0.0',
  send(mail: MailMessage, callback) {
    mail.message.build((buildError, message) => {
      if (buildError) return callback(buildError, undefined)
      const messageId = mail.message.messageId()
      const stamp = new Date().toISOString().replace(/[:.]/g, '-')
      const safeTo = String(mail.data.to ?? 'unknown')
        .replace(/[^a-zA-Z0-9@._-]+/g, '_')
        .slice(0, 80)
      // The sequence number keeps two emails to one person in the same millisecond (the job
      // queue sends in parallel) from overwriting each other, and keeps the names in order.
      sequence = (sequence + 1) % 1_000_000
      const file = path.resolve(dir, `${stamp}-${String(sequence).padStart(6, '0')}-${safeTo}.eml`)
      fs.mkdir(dir, { recursive: true })
        .then(() => fs.writeFile(file, message, { flag: 'wx' }))
        .then(() => {
          log(`Email "${String(mail.data.subject)}" to ${String(mail.data.to)} written to ${file}`)
          callback(null, { envelope: mail.message.getEnvelope(), messageId })
        })
        .catch((error: Error) => callback(error, undefined))
    })
  },
})
