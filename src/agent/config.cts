// What the front end tells the agent, through one environment variable read (and removed) by
// the preload before the program starts.
export const AGENT_ENV = 'PMDB_AGENT';

export interface AgentConfig {
  /** Unix socket of the front end, in a directory only this user can enter; none when armed by
   *  pmdb/register, which writes dumps itself. */
  socket?: string;
  /** pmdb/register: where dumps go, and whether secret-looking values are withheld. */
  dumpDir?: string;
  redact?: boolean;
  /** A terminal is attached: Ctrl-C pauses instead of killing. */
  interactive: boolean;
}
