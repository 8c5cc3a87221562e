// What the front end tells the agent, through one environment variable read (and removed) by
// the preload before the program starts.
export const AGENT_ENV = 'PMDB_AGENT';

export interface AgentConfig {
  /** Unix socket of the front end, in a directory only this user can enter; none when armed by
   *  pmdb/register, which writes dumps itself. */
  socket?: string;
  /** What the agent sends first on that socket: the proof that pmdb armed it (docs/security.md). */
  secret?: string;
  /** `pmdb SCRIPT`: the secret comes on this inherited descriptor instead (agent/secret-pipe.cts). */
  secretFd?: number;
  /** pmdb/register: where dumps go, and whether secret-looking values are withheld. */
  dumpDir?: string;
  redact?: boolean;
  /** The dump's bounds over the defaults, as `--dump-limits` writes them (dump/limits.cts). */
  dumpLimits?: string;
  /** `pmdb run`: every Node process the program starts connects to the same front end, so the
   *  config stays in the environment for them to inherit. */
  tree?: boolean;
  /** `--stop-on escaped` ('escaped') or `pmdb test` ('test'): also stop at a throw in the user's code
   *  whose nearest handler is in library code (DESIGN §5). */
  stopOn?: 'escaped' | 'test';
  /** `pmdb test --trace`: stop at the start of each test. */
  trace?: boolean;
  /** A terminal is attached: Ctrl-C pauses instead of killing. */
  interactive: boolean;
}
