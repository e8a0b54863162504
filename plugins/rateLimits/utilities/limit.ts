import type { Payload } from 'payload'

import { type LimitName, LONGEST_LOGIN_BLOCK_SECONDS, RATE_LIMITS } from '../limits'
import { clientAddress } from './clientAddress'
import { RateLimitError } from './rateLimitError'
import { rateLimitsConfig } from './runtime'
import { isRefusal, limitersOf } from './store'

/**
 * The key for the client's address, or null when there is none to count: a Local API call
 * that did not come over HTTP, or an address the operator exempted.
 */
export const addressKey = (payload: Payload, headers: Headers | undefined): string | null => {
  if (!headers) return null
  const { trustedProxies, exempt } = rateLimitsConfig(payload)
  const address = clientAddress(headers, trustedProxies)
  if (!address || exempt.includes(address)) return null
  return `ip:${address}`
}

type Keys = (string | null | undefined)[]
const present = (keys: Keys) => keys.filter((key): key is string => Boolean(key))

/** When the store itself fails (and its insurance too), let the request through: say so. */
const storeFailed = (payload: Payload, name: LimitName, error: unknown) => {
  payload.logger.error({ err: error, msg: `Rate limit ${name} could not be counted` })
}

/** Counts one against each key; over the limit on any, refuses with the longest wait. */
export const consumeLimit = async (payload: Payload, name: LimitName, keys: Keys) => {
  const limiter = limitersOf(payload)[name]
  let refusedFor = 0
  for (const key of present(keys)) {
    try {
      await limiter.consume(key)
    } catch (error) {
      if (!isRefusal(error)) storeFailed(payload, name, error)
      else refusedFor = Math.max(refusedFor, error.msBeforeNext)
    }
  }
  if (refusedFor > 0) throw new RateLimitError(name, refusedFor)
}

/**
 * Counts `points` against one key, all or none: when they would not all fit in what is left,
 * nothing is counted and the request is refused (inviting five vendors with three left).
 */
export const consumeLimitPoints = async (
  payload: Payload,
  name: LimitName,
  key: string,
  points: number,
) => {
  const limiter = limitersOf(payload)[name]
  try {
    const state = await limiter.get(key)
    if (state && state.consumedPoints + points > RATE_LIMITS[name].points) {
      throw new RateLimitError(name, state.msBeforeNext)
    }
    if (!state && points > RATE_LIMITS[name].points) {
      throw new RateLimitError(name, RATE_LIMITS[name].durationSeconds * 1000)
    }
    await limiter.consume(key, points)
  } catch (error) {
    if (error instanceof RateLimitError) throw error
    // Two requests raced for the last points: the one that lost is over the limit.
    if (isRefusal(error)) throw new RateLimitError(name, error.msBeforeNext)
    storeFailed(payload, name, error)
  }
}

/** Refuses, counting nothing, when any key has used its whole allowance. */
export const refuseIfSpent = async (payload: Payload, name: LimitName, keys: Keys) => {
  const limiter = limitersOf(payload)[name]
  for (const key of present(keys)) {
    try {
      const state = await limiter.get(key)
      if (state && state.consumedPoints >= RATE_LIMITS[name].points) {
        throw new RateLimitError(name, state.msBeforeNext)
      }
    } catch (error) {
      if (error instanceof RateLimitError) throw error
      storeFailed(payload, name, error)
    }
  }
}

/** Gives one back to each key (a sign-in that succeeded after all). */
export const rewardLimit = async (payload: Payload, name: LimitName, keys: Keys) => {
  const limiter = limitersOf(payload)[name]
  for (const key of present(keys)) {
    await limiter.reward(key).catch((error) => storeFailed(payload, name, error))
  }
}

/** Forgets what the keys have used (an account unlocked by staff, or its password reset). */
export const clearLimit = async (payload: Payload, names: LimitName[], keys: Keys) => {
  const limiters = limitersOf(payload)
  for (const name of names) {
    for (const key of present(keys)) {
      await limiters[name].delete(key).catch((error) => storeFailed(payload, name, error))
    }
  }
}

/**
 * Sign-in's progressive blocking: a key that has used its five attempts is blocked for 15
 * minutes, doubling with each block in the last day (30, 60, … up to 24 hours). A key already
 * blocked is refused for what is left of its block.
 */
export const refuseBlockedSignIn = async (payload: Payload, keys: Keys) => {
  const { login, loginOffences } = limitersOf(payload)
  const { points, durationSeconds } = RATE_LIMITS.login
  let refusedFor = 0
  for (const key of present(keys)) {
    try {
      const state = await login.get(key)
      if (!state || state.consumedPoints < points) continue
      if (state.consumedPoints > points) {
        refusedFor = Math.max(refusedFor, state.msBeforeNext)
        continue
      }
      // Just spent: this is a new block, longer for each one the key had today.
      const offences = await loginOffences.penalty(key)
      const seconds = Math.min(
        durationSeconds * 2 ** (offences.consumedPoints - 1),
        LONGEST_LOGIN_BLOCK_SECONDS,
      )
      await login.block(key, seconds)
      refusedFor = Math.max(refusedFor, seconds * 1000)
    } catch (error) {
      storeFailed(payload, 'login', error)
    }
  }
  if (refusedFor > 0) throw new RateLimitError('login', refusedFor)
}
