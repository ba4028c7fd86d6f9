/**
 * Reads a JSON request body under a size limit. Everything that can be decided from the headers
 * (a declared Content-Length over the limit, a charset or Content-Encoding other than UTF-8
 * identity) is refused before a byte is read, and a body that grows over the limit is refused the
 * moment it does: the client gets its answer at once, not after sending the rest.
 */
import type { IncomingMessage } from 'node:http';

/** A refusal with its HTTP status; the app answers it and closes the connection. */
export class BodyError extends Error {
  override name = 'BodyError';
  constructor(
    readonly status: 400 | 413 | 415,
    readonly error: 'invalid_json' | 'invalid_request' | 'payload_too_large' | 'unsupported_media_type',
    message: string
  ) {
    super(message);
  }
}

const tooLarge = (limit: number) => new BodyError(413, 'payload_too_large', `The request body is larger than the limit (${limit} bytes)`);

/**
 * RFC 8259 §8.1: JSON between systems is UTF-8. A body declared otherwise is refused by name
 * rather than decoded as UTF-8 and then failing as malformed JSON.
 */
function charsetProblem(contentType: string | undefined): BodyError | undefined {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return undefined;
  return new BodyError(415, 'unsupported_media_type', `charset "${charset}" is not supported: send the body as UTF-8 JSON (RFC 8259 §8.1)`);
}

/** The checks that need no body; undefined when the request may be read. */
export function headerProblem(req: IncomingMessage, limit: number): BodyError | undefined {
  const charset = charsetProblem(req.headers['content-type']);
  if (charset) return charset;
  const encoding = req.headers['content-encoding']?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    return new BodyError(415, 'unsupported_media_type', `Content-Encoding "${encoding}" is not supported: send the body uncompressed`);
  }
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return tooLarge(limit);
  return undefined;
}

function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error?: BodyError) => {
      req.off('data', onData).off('end', onEnd).off('error', onAbort).off('close', onAbort);
      if (error) {
        req.pause();
        reject(error);
      } else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return finish(tooLarge(limit));
      chunks.push(chunk);
    };
    const onEnd = () => finish();
    const onAbort = () => finish(new BodyError(400, 'invalid_request', 'The request body ended before its declared length'));
    req.on('data', onData).on('end', onEnd).on('error', onAbort).on('close', onAbort);
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The parsed body; rejects with a BodyError for anything else. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const early = headerProblem(req, limit);
  if (early) throw early;
  const bytes = await readBytes(req, limit);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new BodyError(415, 'unsupported_media_type', 'The request body is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError(400, 'invalid_json', 'The request body is not valid JSON');
  }
}
