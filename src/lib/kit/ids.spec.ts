import { MAX_SERIAL_ID, parseSerialId } from './ids'

describe('parseSerialId', () => {
  it.each([
    [1, 1],
    ['42', 42],
    [MAX_SERIAL_ID, MAX_SERIAL_ID],
    [String(MAX_SERIAL_ID), MAX_SERIAL_ID],
  ])('takes %j', (value, id) => {
    expect(parseSerialId(value)).toBe(id)
  })

  it.each([
    0,
    -1,
    1.5,
    '1.5',
    'abc',
    '12abc',
    '1e3',
    ' 7',
    '',
    null,
    undefined,
    {},
    [],
    NaN,
    Infinity,
    MAX_SERIAL_ID + 1,
    '2147483648',
    '99999999999',
    9007199254740993,
  ])('refuses %j', (value) => {
    expect(parseSerialId(value)).toBeNull()
  })
})
