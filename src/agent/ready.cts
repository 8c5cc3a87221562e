// The last preload of a debugged program (`--require` for CommonJS, `--import` for an ES module):
// waits for the agent that the first one (preload.cts) started, after the module loaders in
// between have loaded.
import { agentReady } from './preload.cjs';

agentReady();
