import { HomeView } from '@/components/home/HomeView'
import { getCurrentUser } from '@/lib/payload'

/** The home page for a signed-in person (anonymous visitors get `cached/page.tsx`). */
export default async function HomePage() {
  return <HomeView user={await getCurrentUser()} />
}
