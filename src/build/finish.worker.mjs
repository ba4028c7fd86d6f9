/**
 * The build's finishing thread (see finish-pool.ts): steps 4–7 for each email it is sent.
 * JavaScript, because it must register the TypeScript loader before importing the pipeline's code.
 */
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
/** @type {typeof import('../render/finish.ts')} */
const { finishEmail } = await import('../render/finish.ts');

parentPort.on('message', ({ id, raw }) => {
  try {
    parentPort.postMessage({ id, email: finishEmail(raw) });
  } catch (error) {
    parentPort.postMessage({ id, error: `${raw.type} (${raw.locale}): ${error.message}` });
  }
});
