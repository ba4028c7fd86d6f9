/**
 * What Node answers on its own, before or beside the app: 408 when the headers or the whole
 * request took longer than their timeout, 431 for headers too large, 400 for a request that is
 * not HTTP. Node writes these straight to the socket, so the app's log never saw them; here they
 * are answered as Node answers them and logged like every other answer.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionGuard } from './connections.ts';
import { requestIdFrom, type LogFields, type Logger } from '../logger.ts';

const reasons: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

const gone = new Set(['ECONNRESET', 'EPIPE', 'HPE_INVALID_EOF_STATE']);

const statusFor = (code: string | undefined) => (code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : code === 'HPE_HEADER_OVERFLOW' ? 431 : 400);

export function answerClientErrors(server: Server, guard: ConnectionGuard, logger: Logger): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const response = guard.responseOn(socket);
    // Nothing can be said to a client that is gone (reset, or closed its side mid-request), nor once an answer has begun.
    if (gone.has(error.code ?? '') || !socket.writable || response?.headersSent) return void socket.destroy();
    const status = statusFor(error.code);
    const header = response?.getHeader('x-request-id');
    const requestId = typeof header === 'string' ? header : requestIdFrom(undefined);
    const request = response?.req;
    socket.write(`HTTP/1.1 ${status} ${reasons[status]}\r\nConnection: close\r\nX-Request-Id: ${requestId}\r\nContent-Length: 0\r\n\r\n`);
    socket.destroy();
    const fields: LogFields = { requestId, status, errorCode: error.code, ...(request && { method: request.method, path: request.url?.split('?')[0] }) };
    logger.warn('request rejected', fields);
  });
}
