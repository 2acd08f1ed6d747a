// Server components (they render on the server with Payload's templates): '@askfolio/payload-chat/rsc#InsightsView'.
export { InsightsView } from '../admin/InsightsView'
