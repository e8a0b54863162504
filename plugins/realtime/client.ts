/**
 * What a browser component may import from the realtime plugin: the shape of the connection
 * settings the server hands it, and the channel names. Nothing here pulls in server code.
 */
export type { RealtimeClientConfig } from './types'
export { threadChannel, userChannel } from './utilities/channels'
