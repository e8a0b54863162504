import { databasePool, postgresEngine, postgresJobEngine } from '../../../../plugins/search'
import { searchTestConfig } from './config'
import { jobBoardAtStart } from './startupRecord'

/** The search plugin's config with a vendor index that cannot be prepared at start-up. */
export default searchTestConfig(
  (payload) => ({
    ...postgresEngine({ pool: databasePool(payload) }),
    ensureIndex: async () => {
      throw new Error('settings task still waiting behind the queue')
    },
  }),
  (payload) => {
    const engine = postgresJobEngine({ pool: databasePool(payload) })
    return {
      ...engine,
      ensureIndex: async () => {
        await engine.ensureIndex()
        jobBoardAtStart.prepared = true
      },
    }
  },
)
