/**
 * How far a search around a place reaches when the person did not choose a distance. New
 * Zealand's towns are far apart: 25 km around Wellington misses the photographer in Paraparaumu,
 * 45 km away. So a search starts at the place's own radius and widens, step by step, until it
 * finds enough vendors to choose from or reaches the widest step; the page says it widened.
 */

/** Fewer vendors than this within a radius the person did not choose, and the search widens. */
export const MIN_NEARBY_RESULTS = 3

/** The radii a search widens through, in kilometres. */
export const WIDENING_STEPS_KM = [25, 50, 100, 200] as const

/** The radii to try, in order, for a place whose own radius is `startKm`. */
export const radiiToTry = (startKm: number): number[] => [
  startKm,
  ...WIDENING_STEPS_KM.filter((km) => km > startKm),
]

export type Widened = { fromKm: number; toKm: number; foundAtStart: number }

/**
 * Searches at each radius in turn until one finds at least `MIN_NEARBY_RESULTS` vendors (or the
 * last one is reached), returning that answer and, when it had to widen, from where to where.
 */
export const widenUntilFound = async <Answer>(
  startKm: number,
  search: (radiusKm: number) => Promise<Answer>,
  totalOf: (answer: Answer) => number,
): Promise<{ answer: Answer; radiusKm: number; widened: Widened | null }> => {
  const [first, ...wider] = radiiToTry(startKm)
  let radiusKm = first!
  let answer = await search(radiusKm)
  const foundAtStart = totalOf(answer)
  for (const next of wider) {
    if (totalOf(answer) >= MIN_NEARBY_RESULTS) break
    radiusKm = next
    answer = await search(radiusKm)
  }
  return {
    answer,
    radiusKm,
    widened: radiusKm === startKm ? null : { fromKm: startKm, toKm: radiusKm, foundAtStart },
  }
}
