/** What the browser may load: billing's client components, free of server code. */
export { type PlanAction, PlanButton } from './components/PlanButton'
