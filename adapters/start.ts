/**
 * The production server entry: `npm start` and the container image run its compiled copy
 * (dist/adapters/start.js). It knows nothing of the playground or the stand-ins; `npm run dev`
 * starts from adapters/playground/dev-entry.ts instead.
 */
import { exitOnStartFailure, runServer } from './run-server';

runServer({ dev: false }).catch(exitOnStartFailure);
