// Checks the platform's event log from outside the platform, with nothing but mongosh (2.x, or 1.10) and the store:
//
//   mongosh --quiet "mongodb://127.0.0.1:27017/platform" docs/verify-chain.js
//
// For every stream it recomputes each commit's hash from what is stored and checks that each commit names its
// predecessor's hash, and it checks that every global position is held by a commit or a void marker. It prints one
// JSON line, and exits with 1 when anything does not verify.
//
// A commit's hash is SHA-256, in hex, over the commit without its "hash" field:
// - hashVersion 2: relaxed extended JSON, canonicalized by RFC 8785 (keys sorted by UTF-16 code units, numbers and
//   strings as ECMAScript's JSON.stringify writes them), as UTF-8;
// - no hashVersion (commits written before version 2): canonical extended JSON as the MongoDB Java driver writes it,
//   fields in stored order, ", " and ": " between items, as UTF-8.
// Positions handed out in the last two minutes may still be on their way and are not counted as missing, nor are
// empty positions left by versions that gave positions up without writing a void marker (before "markedFrom").

const crypto = require('crypto');

function rfc8785(value) {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return '[' + value.map(rfc8785).join(',') + ']';
  }
  return '{' + Object.keys(value).sort().map(k => JSON.stringify(k) + ':' + rfc8785(value[k])).join(',') + '}';
}

function javaExtendedJson(value) {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return '[' + value.map(javaExtendedJson).join(', ') + ']';
  }
  return '{' + Object.keys(value).map(k => JSON.stringify(k) + ': ' + javaExtendedJson(value[k])).join(', ') + '}';
}

function hashOf(commit) {
  const content = Object.assign({}, commit);
  delete content.hash;
  const text = content.hashVersion >= 2
    ? rfc8785(EJSON.serialize(content, { relaxed: true }))
    : javaExtendedJson(EJSON.serialize(content, { relaxed: false }));
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

const commits = db.getCollection('eventCommits');
const counter = db.getCollection('eventCounters').findOne({ _id: 'position' });
const head = counter ? Number(counter.next) : 0;
const recent = counter && counter.reservedAt ? Number(counter.reservedAt) > Date.now() - 120000 : false;
// Versions before void markers gave positions up without a trace: an empty one below this is evidence of nothing.
const format = db.getCollection('eventCounters').findOne({ _id: 'format' });
const markedFrom = format && format.markedFrom ? Number(format.markedFrom) : 0;
const heads = new Map();
const broken = [];
const missing = [];
let events = 0;
let expected = 0;

// Commits in global order: by lastPosition, a window at a time, as the platform reads them.
const WINDOW = 512;
for (let from = 0; from < head; from += WINDOW) {
  const window = [];
  for (let p = from; p < Math.min(head, from + WINDOW); p++) {
    window.push(Long.fromNumber(p));
  }
  const found = commits.find({ lastPosition: { $in: window } }).toArray()
    .sort((a, b) => Number(a.lastPosition) - Number(b.lastPosition));
  for (const commit of found) {
    const first = Number(commit.firstPosition);
    for (; expected < first; expected++) {
      missing.push(expected);
    }
    expected = Math.max(expected, Number(commit.lastPosition) + 1);
    if (commit.events.length === 0) {
      continue;
    }
    events += commit.events.length;
    const stream = commit.aggregateType ? commit.aggregateType + ':' + commit.aggregateIdentifier
                                        : commit.aggregateIdentifier;
    const previous = heads.get(stream);
    const firstSequence = Number(commit.firstSequence);
    let problem = null;
    if (hashOf(commit) !== commit.hash) {
      problem = 'content does not match its hash';
    } else if (firstSequence !== (previous ? previous.lastSequence + 1 : 0)) {
      problem = 'a commit before it is missing';
    } else if ((commit.previousHash || null) !== (previous ? previous.hash : null)) {
      problem = 'its link to the previous commit does not match';
    }
    if (problem && !broken.some(b => b.stream === stream)) {
      broken.push({ stream: stream, sequence: firstSequence, problem: problem });
    }
    heads.set(stream, { lastSequence: Number(commit.lastSequence), hash: commit.hash });
  }
}
for (; expected < head; expected++) {
  missing.push(expected);
}
// Positions at the very end may belong to commits still being written.
const settledMissing = missing.filter(p => p >= markedFrom && (!recent || p < head - 64));
const verified = broken.length === 0 && settledMissing.length === 0;
print(JSON.stringify({ verified: verified, events: events, streams: heads.size, broken: broken,
                       missingPositions: settledMissing,
                       unmarkedOldPositions: missing.filter(p => p < markedFrom).length }));
if (!verified) {
  process.exit(1);
}
