/**
 * How long an answer card waits after the last keystroke before it saves. Its own module: the
 * update prompt in the app shell waits for it too, and must not pull the form code along.
 */
export const AUTOSAVE_DELAY_MS = 300;
