import { defaultLoggerOptions } from 'payload'
import { pino, type Logger } from 'pino'

import { getEnv } from '@/lib/kit/env'

/**
 * The one logger of a process: Payload's (given to it as `logger` in payload.config.ts) and the
 * request log's. In production each line is a JSON object a log pipeline can read, with the
 * time in ISO 8601; in development Payload's own coloured lines. Kept on `globalThis` because
 * Next loads this module into more than one bundle, and two loggers would interleave writes.
 */
const createLogger = (): Logger => {
  const env = getEnv()
  const format = env.LOG_FORMAT ?? (env.NODE_ENV === 'production' ? 'json' : 'pretty')
  const options = {
    level: env.LOG_LEVEL,
    enabled: env.LOG_LEVEL !== 'silent',
    // Belt and braces: nothing logs these on purpose, and an error object that carries a
    // request's headers must not print them either.
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'apiKey',
        '*.apiKey',
        'headers.authorization',
        'headers.cookie',
        '*.headers.authorization',
        '*.headers.cookie',
      ],
      censor: '[redacted]',
    },
  }
  return format === 'json'
    ? pino({ ...options, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime })
    : pino(options, defaultLoggerOptions)
}

const KEY = Symbol.for('event-pros.logger')

export const logger = (): Logger => {
  const store = globalThis as typeof globalThis & { [KEY]?: Logger }
  store[KEY] ??= createLogger()
  return store[KEY]
}
