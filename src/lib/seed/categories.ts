/** About forty event categories in two levels, as a New Zealand planner would look for them. */
export type SeedCategory = { name: string; icon: string; description: string; children: string[] }

export const SEED_CATEGORIES: SeedCategory[] = [
  {
    name: 'Venues',
    icon: '🏛️',
    description: 'Places to hold your event, from vineyards to city function rooms.',
    children: ['Wedding venues', 'Function centres', 'Vineyards & wineries', 'Marquee hire'],
  },
  {
    name: 'Catering',
    icon: '🍽️',
    description: 'Food and drink for every size of gathering.',
    children: ['Wedding catering', 'Food trucks', 'Hāngī', 'Cakes & desserts', 'Mobile bars'],
  },
  {
    name: 'Photography & Video',
    icon: '📷',
    description: 'Capture the day in stills and film.',
    children: ['Wedding photographers', 'Event photographers', 'Videographers', 'Photo booths'],
  },
  {
    name: 'Music & Entertainment',
    icon: '🎵',
    description: 'DJs, bands and performers to set the mood.',
    children: ['DJs', 'Live bands', 'MCs & hosts', 'Kapa haka groups', 'Kids entertainers'],
  },
  {
    name: 'Flowers & Styling',
    icon: '💐',
    description: 'Florists, stylists and decorators.',
    children: ['Florists', 'Event stylists', 'Lighting & effects'],
  },
  {
    name: 'Hire & Equipment',
    icon: '⛺',
    description: 'Furniture, tableware, staging and sound.',
    children: ['Furniture hire', 'Audio visual hire', 'Staging'],
  },
  {
    name: 'Planning & Coordination',
    icon: '📋',
    description: 'Professionals who bring it all together.',
    children: ['Wedding planners', 'Corporate event managers', 'Celebrants'],
  },
  {
    name: 'Beauty & Attire',
    icon: '💄',
    description: 'Hair, makeup and outfits for the big day.',
    children: ['Hair & makeup', 'Bridal wear', 'Suit hire'],
  },
  {
    name: 'Transport',
    icon: '🚌',
    description: 'Getting guests there and home again.',
    children: ['Wedding cars', 'Coach & shuttle hire'],
  },
]
