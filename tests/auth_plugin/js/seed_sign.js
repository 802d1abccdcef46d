// An independent reading of the seed's JavaScript signing sample, for the signing test vectors.
//
// `serializePayload` and `getAuthHeaders` below are copied verbatim from the seed docs
// ("Authorization" section). The only substitution: crypto-js's `hmacSha256(message, key)` is
// replaced by node's built-in crypto (both hash the UTF-8 message with the UTF-8 key), so no
// npm package is needed. It also computes the prose scheme, path + nonce + body, with node.
//
// stdin: {"cases": [{"api_key", "secret", "payload": {...}, "path", "nonce", "body"}]}
// stdout: [{"serialized", "params_javascript", "path_nonce_body"}]
'use strict';
const crypto = require('crypto');

const hmacSha256 = (message, key) => ({
  toString: () => crypto.createHmac('sha256', key).update(message, 'utf8').digest('hex'),
});

let API_KEY = '';
let SECRET = '';

// ---- verbatim from the seed ----
//Serialize for singing only. Can be used in request body if u like urlencoded form format instead of json
function serializePayload(payload) {
  return Object
    .keys(payload) // get keys of payload object
    .sort() // sort keys
    .map((key) => key + "=" + encodeURIComponent(payload[key])) // each value should be url encoded. the most sensitive part for sign checking
    .join('&'); // to sting, separate with ampersand
}

// Generates auth headers
function getAuthHeaders(payload = {}) {
  // get SHA256 of <API_KEY><sorted urlencoded payload string><SECRET>
  const sign = hmacSha256(API_KEY + serializePayload(payload), SECRET).toString();

  return {
    'X-API-Key': API_KEY,
    'X-Signature': sign,
    'X-Nonce': Date.now()
  };
}
// ---- end of the seed's code ----

function pathNonceBody(testCase) {
  const message = testCase.path + String(testCase.nonce) + testCase.body;
  return crypto.createHmac('sha256', testCase.secret).update(message, 'utf8').digest('hex');
}

const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => {
  const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const results = request.cases.map((testCase) => {
    API_KEY = testCase.api_key;
    SECRET = testCase.secret;
    return {
      serialized: serializePayload(testCase.payload),
      params_javascript: getAuthHeaders(testCase.payload)['X-Signature'],
      path_nonce_body: pathNonceBody(testCase),
    };
  });
  process.stdout.write(JSON.stringify(results));
});
