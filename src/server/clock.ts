/**
 * The server's idea of "now" for rules that depend on the passing of time (an incident's elapsed
 * time against its target recovery time, what is overdue today). The app reads it through
 * `app.clock`; tests inject one to see time pass without waiting for it.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
