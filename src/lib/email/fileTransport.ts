import fs from 'node:fs/promises'
import path from 'node:path'

import type { Transport } from 'nodemailer'
import type MailMessage from 'nodemailer/lib/mailer/mail-message'

/**
 * The embedded default's "mail server": every message becomes an .eml file in `dir` (open it
 * in any mail client, or read the links in it) and a line in the log.
 */
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
      const file = path.resolve(dir, `${stamp}-${safeTo}.eml`)
      fs.mkdir(dir, { recursive: true })
        .then(() => fs.writeFile(file, message))
        .then(() => {
          log(`Email "${String(mail.data.subject)}" to ${String(mail.data.to)} written to ${file}`)
          callback(null, { envelope: mail.message.getEnvelope(), messageId })
        })
        .catch((error: Error) => callback(error, undefined))
    })
  },
})
