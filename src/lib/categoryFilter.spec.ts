import { filterCategoryGroups, foldForSearch } from './categoryFilter'

const groups = [
  {
    name: 'Photography & Video',
    children: [
      { id: 1, name: 'Wedding photographers' },
      { id: 2, name: 'Event photographers' },
      { id: 3, name: 'Videographers' },
    ],
  },
  {
    name: 'Music & Entertainment',
    children: [
      { id: 4, name: 'DJs' },
      { id: 5, name: 'Kapa haka groups' },
    ],
  },
  { name: 'Catering', children: [{ id: 6, name: 'Hāngī caterers' }] },
]

const ids = (query: string) =>
  filterCategoryGroups(groups, query).flatMap((group) => group.children.map((child) => child.id))

describe('category picker filter', () => {
  it('keeps every group and category for an empty or blank query', () => {
    expect(ids('')).toEqual([1, 2, 3, 4, 5, 6])
    expect(ids('   ')).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('ignores case and macrons in both directions', () => {
    expect(ids('HANGI')).toEqual([6])
    expect(ids('hāngī')).toEqual([6])
    expect(foldForSearch('Māori Ōtautahi')).toBe('maori otautahi')
  })

  it('matches every word, in any order, against the category and its group', () => {
    expect(ids('photo wedding')).toEqual([1])
    expect(ids('photographers')).toEqual([1, 2])
    expect(ids('music')).toEqual([4, 5])
    expect(ids('video')).toEqual([1, 2, 3])
  })

  it('drops groups with nothing left and finds nothing for a stranger', () => {
    const result = filterCategoryGroups(groups, 'dj')
    expect(result.map((group) => group.name)).toEqual(['Music & Entertainment'])
    expect(result[0]!.children).toEqual([{ id: 4, name: 'DJs' }])
    expect(ids('submarine')).toEqual([])
  })

  it('does not change the groups it was given', () => {
    filterCategoryGroups(groups, 'dj')
    expect(groups[1]!.children).toHaveLength(2)
  })
})
