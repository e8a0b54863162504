/**
 * What start-up did to the job board, for the spec to read. Kept apart from the config, which
 * must only be loaded once the spec has set the environment.
 */
export const jobBoardAtStart = { prepared: false }
