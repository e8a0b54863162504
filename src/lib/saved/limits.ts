/** How many lists an organizer keeps, how many vendors each holds, and a name's length. */
export const MAX_SAVED_LISTS = 20
export const MAX_SAVED_VENDORS = 200
export const SAVED_LIST_NAME_MAX = 60
