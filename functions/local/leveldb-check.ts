// Checks a LevelDB folder (the embedded database's files) without opening it: LevelDB itself would take a
// missing CURRENT for a new database and delete the old table files, and would start on a truncated or
// zeroed file only to fail later. Read-only: CURRENT → its MANIFEST (every record's checksum) → each live
// table file (size, footer, every block's checksum) → the write-ahead logs it would replay.

import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { join } from "node:path";

/** What is wrong with one file of the database, in words for the refusal sentence. */
export interface LevelDbDamage {
  readonly file: string;
  readonly problem: "missing" | "empty" | "truncated" | "damaged";
}

const BLOCK = 32 * 1024; // the log format's block
const HEADER = 7; // checksum (4), length (2), type (1)
const FOOTER = 48;
const TABLE_MAGIC = [0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb];

const CRC32C = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32c(bytes: Uint8Array, start: number, end: number, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = start; i < end; i++) c = (CRC32C[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

/** LevelDB stores checksums masked (a checksum of data holding checksums would be weak otherwise). */
const unmask = (masked: number) => {
  const rot = (masked - 0xa282ead8) >>> 0;
  return ((rot >>> 17) | (rot << 15)) >>> 0;
};

const u32 = (b: Uint8Array, at: number) =>
  ((b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16)) +
  (b[at + 3] as number) * 0x1000000;

class Cursor {
  constructor(
    readonly bytes: Uint8Array,
    public at = 0,
    readonly end = bytes.length,
  ) {}
  varint(): number {
    let value = 0;
    for (let shift = 1; ; shift *= 128) {
      if (this.at >= this.end) throw new RangeError("varint past the end");
      const byte = this.bytes[this.at++] as number;
      value += (byte & 0x7f) * shift;
      if (byte < 0x80) return value;
      if (shift > 2 ** 56) throw new RangeError("varint too long");
    }
  }
  slice(): Uint8Array {
    const length = this.varint();
    if (this.at + length > this.end) throw new RangeError("slice past the end");
    const part = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return part;
  }
}

/**
 * The records of a log-format file (MANIFEST, *.log); "truncated" or "damaged" when a record is cut off,
 * fails its checksum, or the file holds zeros where a record should be (a zeroed block).
 */
function logRecords(bytes: Uint8Array): Uint8Array[] | "truncated" | "damaged" {
  const records: Uint8Array[] = [];
  let pending: Uint8Array[] | undefined;
  let at = 0;
  while (at < bytes.length) {
    const left = BLOCK - (at % BLOCK);
    if (left < HEADER) {
      at += left; // a block's trailer: too short for a record header, padded with zeros
      continue;
    }
    if (at + HEADER > bytes.length) return "truncated";
    const length = (bytes[at + 4] as number) | ((bytes[at + 5] as number) << 8);
    const type = bytes[at + 6] as number;
    if (type === 0 || type > 4 || HEADER + length > left) return "damaged";
    if (at + HEADER + length > bytes.length) return "truncated";
    if (crc32c(bytes, at + 6, at + HEADER + length) !== unmask(u32(bytes, at))) return "damaged";
    const data = bytes.subarray(at + HEADER, at + HEADER + length);
    at += HEADER + length;
    if (type === 1) records.push(data);
    else if (type === 2) pending = [data];
    else if (!pending) return "damaged";
    else {
      pending.push(data);
      if (type === 4) {
        records.push(Buffer.concat(pending));
        pending = undefined;
      }
    }
  }
  return pending ? "truncated" : records;
}

interface Manifest {
  readonly logNumber: number;
  readonly prevLogNumber: number;
  /** Live table files: number → size in bytes. */
  readonly tables: Map<number, number>;
}

function readManifest(records: readonly Uint8Array[]): Manifest {
  let logNumber = 0;
  let prevLogNumber = 0;
  const tables = new Map<number, number>();
  for (const record of records) {
    const edit = new Cursor(record);
    while (edit.at < edit.end) {
      const tag = edit.varint();
      if (tag === 1) edit.slice();
      else if (tag === 2) logNumber = edit.varint();
      else if (tag === 3 || tag === 4) edit.varint();
      else if (tag === 5) {
        edit.varint();
        edit.slice();
      } else if (tag === 6) {
        edit.varint();
        tables.delete(edit.varint());
      } else if (tag === 7) {
        edit.varint();
        const number = edit.varint();
        tables.set(number, edit.varint());
        edit.slice();
        edit.slice();
      } else if (tag === 9) prevLogNumber = edit.varint();
      else throw new RangeError(`unknown manifest tag ${tag}`);
    }
  }
  return { logNumber, prevLogNumber, tables };
}

/** Snappy, as LevelDB compresses blocks: needed only to read a table's index of blocks. */
function unsnappy(input: Uint8Array): Uint8Array {
  const cursor = new Cursor(input);
  const output = new Uint8Array(cursor.varint());
  let out = 0;
  let at = cursor.at;
  while (at < input.length) {
    const tag = input[at++] as number;
    let length: number;
    let offset: number;
    if ((tag & 3) === 0) {
      length = (tag >>> 2) + 1;
      if (length > 60) {
        const bytes = length - 60;
        length = 0;
        for (let i = 0; i < bytes; i++) length += (input[at + i] as number) * 256 ** i;
        length += 1;
        at += bytes;
      }
      if (at + length > input.length || out + length > output.length) throw new RangeError("bad literal");
      output.set(input.subarray(at, at + length), out);
      at += length;
      out += length;
      continue;
    }
    if ((tag & 3) === 1) {
      length = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | (input[at++] as number);
    } else if ((tag & 3) === 2) {
      length = (tag >>> 2) + 1;
      offset = (input[at] as number) | ((input[at + 1] as number) << 8);
      at += 2;
    } else {
      length = (tag >>> 2) + 1;
      offset = u32(input, at);
      at += 4;
    }
    if (offset === 0 || offset > out || out + length > output.length) throw new RangeError("bad copy");
    for (let i = 0; i < length; i++, out++) output[out] = output[out - offset] as number;
  }
  if (out !== output.length) throw new RangeError("short output");
  return output;
}

/** A block's contents once its trailer's checksum holds; undefined when it does not. */
function block(file: Uint8Array, offset: number, size: number): Uint8Array | undefined {
  if (offset + size + 5 > file.length) return undefined;
  const type = file[offset + size] as number;
  if (crc32c(file, offset, offset + size + 1) !== unmask(u32(file, offset + size + 1))) return undefined;
  const contents = file.subarray(offset, offset + size);
  return type === 0 ? contents : type === 1 ? unsnappy(contents) : undefined;
}

/** The block handles an index block lists (its entries' values). */
function indexHandles(index: Uint8Array): { offset: number; size: number }[] {
  const restarts = u32(index, index.length - 4);
  const entries = new Cursor(index, 0, index.length - 4 - 4 * restarts);
  const handles: { offset: number; size: number }[] = [];
  while (entries.at < entries.end) {
    entries.varint(); // shared key bytes
    const unshared = entries.varint();
    const valueLength = entries.varint();
    entries.at += unshared;
    const value = new Cursor(entries.bytes, entries.at, entries.at + valueLength);
    handles.push({ offset: value.varint(), size: value.varint() });
    entries.at += valueLength;
  }
  return handles;
}

function tableIntact(file: Uint8Array): boolean {
  if (file.length < FOOTER) return false;
  const footer = file.subarray(file.length - FOOTER);
  if (!TABLE_MAGIC.every((byte, i) => footer[40 + i] === byte)) return false;
  try {
    const handles = new Cursor(footer, 0, 40);
    const meta = { offset: handles.varint(), size: handles.varint() };
    const index = block(file, handles.varint(), handles.varint());
    if (!index || !block(file, meta.offset, meta.size)) return false;
    return indexHandles(index).every(({ offset, size }) => {
      if (offset + size + 5 > file.length) return false;
      // The checksum covers the stored (compressed) bytes: data blocks need no decompression.
      return crc32c(file, offset, offset + size + 1) === unmask(u32(file, offset + size + 1));
    });
  } catch {
    return false;
  }
}

function readWhole(path: string, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  const fd = openSync(path, "r");
  try {
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

const tableName = (number: number, extension: string) => `${String(number).padStart(6, "0")}.${extension}`;

/** The first problem found in the database folder `dir` (which must hold a database), or undefined. */
export function checkLevelDb(dir: string): LevelDbDamage | undefined {
  const current = join(dir, "CURRENT");
  if (!existsSync(current)) return { file: "CURRENT", problem: "missing" };
  const name = readFileSync(current, "latin1");
  if (name.length === 0) return { file: "CURRENT", problem: "empty" };
  const manifestName = /^(MANIFEST-\d+)\n$/.exec(name)?.[1];
  if (!manifestName) return { file: "CURRENT", problem: "damaged" };
  const manifestPath = join(dir, manifestName);
  if (!existsSync(manifestPath)) return { file: manifestName, problem: "missing" };
  const manifestBytes = readFileSync(manifestPath);
  if (manifestBytes.length === 0) return { file: manifestName, problem: "empty" };
  const records = logRecords(manifestBytes);
  if (typeof records === "string") return { file: manifestName, problem: records };
  let manifest: Manifest;
  try {
    manifest = readManifest(records);
  } catch {
    return { file: manifestName, problem: "damaged" };
  }
  for (const [number, size] of manifest.tables) {
    const file = [tableName(number, "ldb"), tableName(number, "sst")].find((candidate) =>
      existsSync(join(dir, candidate)),
    );
    if (!file) return { file: tableName(number, "ldb"), problem: "missing" };
    const actual = statSync(join(dir, file)).size;
    if (actual === 0) return { file, problem: "empty" };
    if (actual < size) return { file, problem: "truncated" };
    if (actual !== size || !tableIntact(readWhole(join(dir, file), size))) return { file, problem: "damaged" };
  }
  // The logs LevelDB replays at open: from the manifest's log number on (and the previous one).
  for (const entry of readdirNumbers(dir, "log")) {
    if (entry.number < manifest.logNumber && entry.number !== manifest.prevLogNumber) continue;
    const bytes = readFileSync(join(dir, entry.file));
    const outcome = logRecords(bytes);
    if (typeof outcome === "string") return { file: entry.file, problem: outcome };
  }
  return undefined;
}

function readdirNumbers(dir: string, extension: string): { file: string; number: number }[] {
  const pattern = new RegExp(`^(\\d+)\\.${extension}$`);
  return readdirSync(dir)
    .map((file) => ({ file, match: pattern.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => ({ file, number: Number(match[1]) }));
}
