// The action's entry (dist/index.js): the only module that does work when loaded.
import { run } from './run-action.js';

await run();
