// `node --import pmdb/register app.js` (or `--require pmdb/register`): arms a process with no
// front end, for production and cron. When an error escapes, a dump is written to PMDB_DUMP_DIR
// (default ./pmdb-dumps), `pmdb: crash dump written to PATH` goes to stderr, and the process fails
// as it would have. `pmdb open PATH` reopens it. PMDB_NO_REDACT=1 keeps secret-looking values.
import { armStandalone } from './agent/preload.cjs';

armStandalone();
