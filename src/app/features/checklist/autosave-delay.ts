/**
 * How long an answer card waits after the last keystroke before it saves. Its own module because
 * the shell's update prompt needs it too, and importing it from use-autosave would pull the answer
 * forms and their schemas into the first route.
 */
export const AUTOSAVE_DELAY_MS = 300;
