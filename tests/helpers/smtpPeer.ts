import type { AddressInfo } from 'node:net'

import { SMTPServer } from 'smtp-server'

export type ReceivedMail = { from: string; to: string[]; raw: string }

export type SmtpPeer = {
  port: number
  received: ReceivedMail[]
  /** Transactions that have started (MAIL FROM) and not yet been answered. */
  inFlight: () => number
  /** How long the peer holds each message before accepting it; 0 answers at once. */
  holdMs: number
  close: () => Promise<void>
}

/**
 * A real SMTP server (nodemailer's `smtp-server`) on 127.0.0.1 that keeps every message it
 * accepts, and can take its time answering — a slow mail relay — so a test can catch an email
 * job while it runs. No TLS and no AUTH, as a relay inside a private network.
 */
export const startSmtpPeer = async (): Promise<SmtpPeer> => {
  let open = 0
  const peer: SmtpPeer = {
    port: 0,
    received: [],
    inFlight: () => open,
    holdMs: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onMailFrom: (_address, _session, callback) => {
      open += 1
      callback()
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        setTimeout(() => {
          open -= 1
          peer.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          })
          callback()
        }, peer.holdMs)
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  peer.port = (server.server.address() as AddressInfo).port
  return peer
}
