// Starts s3rver (a local S3-compatible server) for the tests and the benchmark:
//   node --openssl-legacy-provider server.js DIRECTORY [PORT] [BUCKET...]
// (s3rver's continuation tokens are DES-encrypted, which Node.js 17 and later offer only with that flag.)
// It serves the buckets kept in DIRECTORY on 127.0.0.1 (PORT 0 or absent: any free port), creates the BUCKETs
// named, prints "listening PORT" on stdout once it accepts requests, and exits when its standard input closes,
// so that it never outlives the process that started it. Credentials: access key S3RVER, secret S3RVER, and the
// tests' own pair (a secret that no output may ever show): access key DUCKDETECTTEST, secret below.
'use strict';
const S3rver = require('s3rver');
const fs = require('fs');
const path = require('path');
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account');
const FilesystemStore = require('s3rver/lib/stores/filesystem');

// s3rver 3.7.1 finds a delimiter listing's common prefixes only from objects at most one folder below them: it
// never descends beneath a common prefix, so `AWSLogs/` of a key `AWSLogs/111122223333/CloudTrail/...` is never
// reported, where S3 reports it. Here a folder beneath the prefix that holds an object anywhere below it adds its
// common prefix, as S3 does; the listing is otherwise s3rver's own.
const listObjects = FilesystemStore.prototype.listObjects;
FilesystemStore.prototype.listObjects = async function (bucket, options) {
  const result = await listObjects.call(this, bucket, options);
  const { delimiter = '', prefix = '' } = options;
  if (!delimiter || delimiter !== '/') return result;
  const base = path.join(this.getBucketPath(bucket), ...prefix.split('/').slice(0, -1));
  const partial = prefix.split('/').pop();
  let names;
  try {
    names = fs.readdirSync(base, { withFileTypes: true });
  } catch (err) {
    if (err.code === 'ENOENT') return result;
    throw err;
  }
  const found = new Set(result.commonPrefixes);
  for (const entry of names) {
    if (entry.isDirectory() && entry.name.startsWith(partial) && holdsObject(path.join(base, entry.name))) {
      found.add(prefix.slice(0, prefix.length - partial.length) + entry.name + '/');
    }
  }
  result.commonPrefixes = [...found].sort();
  return result;
};

function holdsObject(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() ? holdsObject(path.join(dir, entry.name)) : entry.name.endsWith('._S3rver_object')) {
      return true;
    }
  }
  return false;
}

DUMMY_ACCOUNT.createKeyPair('DUCKDETECTTEST', 'dd-test-secret-6f1c0e2a9b7d4c3e8a5f');

try {
  require('crypto').createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
} catch (err) {
  console.error('s3rver needs DES for its continuation tokens: start node with --openssl-legacy-provider');
  process.exit(70);
}

const [directory, port = '0', ...buckets] = process.argv.slice(2);
if (!directory) {
  console.error('usage: node server.js DIRECTORY [PORT] [BUCKET...]');
  process.exit(64);
}
const server = new S3rver({
  address: '127.0.0.1',
  port: Number(port),
  directory,
  silent: true,
  configureBuckets: buckets.map(name => ({ name })),
});
server.run().then(
  address => {
    console.log(`listening ${address.port}`);
    process.stdin.resume();
    process.stdin.on('end', () => process.exit(0));
    process.stdin.on('close', () => process.exit(0));
  },
  err => {
    console.error(`s3rver: ${err.message}`);
    process.exit(1);
  },
);
