// Bytes of a feed body to text: the charset from a byte-order mark, the Content-Type header or the
// XML declaration (windows-1251 and KOI8-R feeds exist in this region), else UTF-8. Bad bytes
// become U+FFFD instead of failing the feed.
import iconv from 'iconv-lite';

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    utf8Strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const known = (label: string | undefined) => (label && iconv.encodingExists(label) ? label.toLowerCase() : undefined);
const isUtf8 = (label: string) => label === 'utf-8' || label === 'utf8';

/** The charset the body should be read with, and where it came from. */
export function detectCharset(body: Uint8Array, contentType?: string): { charset: string; from: 'bom' | 'header' | 'declaration' | 'default' } {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { charset: 'utf-8', from: 'bom' };
  if (body[0] === 0xff && body[1] === 0xfe) return { charset: 'utf-16le', from: 'bom' };
  if (body[0] === 0xfe && body[1] === 0xff) return { charset: 'utf-16be', from: 'bom' };
  const head = Buffer.from(body.subarray(0, 1024)).toString('latin1');
  const header = known(/charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1]);
  const declared = known(/^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1]);
  if (header && declared && header !== declared && !(isUtf8(header) && isUtf8(declared))) {
    // Servers often send a default charset whatever the file says: believe the one the bytes fit.
    if (isUtf8(header)) return isValidUtf8(body) ? { charset: 'utf-8', from: 'header' } : { charset: declared, from: 'declaration' };
    if (isUtf8(declared)) return isValidUtf8(body) ? { charset: 'utf-8', from: 'declaration' } : { charset: header, from: 'header' };
    return { charset: header, from: 'header' };
  }
  if (header) return { charset: header, from: 'header' };
  if (declared) return { charset: declared, from: 'declaration' };
  return { charset: 'utf-8', from: 'default' };
}

/** Decodes a feed body to a string (BOM removed). */
export function decodeBody(body: Uint8Array, contentType?: string): { text: string; charset: string } {
  const { charset } = detectCharset(body, contentType);
  const text = iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), charset);
  return { text: text.replace(/^\uFEFF/, ''), charset };
}
