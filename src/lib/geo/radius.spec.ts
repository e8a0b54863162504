import { MIN_NEARBY_RESULTS, radiiToTry, widenUntilFound } from './radius'

/** Vendors at these distances (km) from the searched place. */
const vendorsAt = (distances: number[]) => {
  const asked: number[] = []
  return {
    asked,
    search: async (radiusKm: number) => {
      asked.push(radiusKm)
      return distances.filter((d) => d <= radiusKm).length
    },
  }
}

describe('the default search radius', () => {
  it('widens through the steps above the place’s own radius', () => {
    expect(radiiToTry(25)).toEqual([25, 50, 100, 200])
    expect(radiiToTry(10)).toEqual([10, 25, 50, 100, 200])
    expect(radiiToTry(150)).toEqual([150, 200])
    expect(radiiToTry(400)).toEqual([400])
  })

  it('finds the photographer 45 km from Wellington that 25 km misses, and says it widened', async () => {
    const { search, asked } = vendorsAt([3, 45, 48, 300])
    const { answer, radiusKm, widened } = await widenUntilFound(25, search, (n) => n)
    expect(answer).toBe(3)
    expect(radiusKm).toBe(50)
    expect(widened).toEqual({ fromKm: 25, toKm: 50, foundAtStart: 1 })
    expect(asked).toEqual([25, 50])
  })

  it('does not widen when enough vendors are close', async () => {
    const { search, asked } = vendorsAt(Array.from({ length: MIN_NEARBY_RESULTS }, () => 5))
    const { radiusKm, widened } = await widenUntilFound(25, search, (n) => n)
    expect(radiusKm).toBe(25)
    expect(widened).toBeNull()
    expect(asked).toEqual([25])
  })

  it('stops at the widest step even when it still finds few', async () => {
    const { search } = vendorsAt([150])
    const { answer, radiusKm, widened } = await widenUntilFound(25, search, (n) => n)
    expect(answer).toBe(1)
    expect(radiusKm).toBe(200)
    expect(widened).toEqual({ fromKm: 25, toKm: 200, foundAtStart: 0 })
  })
})
