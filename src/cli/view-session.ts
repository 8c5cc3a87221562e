// `pmdb view FILE`: a dump as a page in the browser, served until pmdb is stopped (Ctrl-C).
import { readDump } from '../dump/read-dump.js';
import { startViewServer } from '../view/view-server.js';

export async function viewDump(file: string, output: NodeJS.WriteStream): Promise<number> {
  const server = await startViewServer(readDump(file));
  output.write(`pmdb: viewing ${file} at ${server.url}\npmdb: only this machine can open it; Ctrl-C stops\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  server.close();
  return 0;
}
