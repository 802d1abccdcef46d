// The seed documentation's JavaScript signing sample, in one place for every node script that
// runs it (require('./seed_sample.js') relative to the caller's folder).
//
// `serializePayload` and `getAuthHeaders` are copied verbatim from the seed docs
// ("Authorization" section). The only substitutions: crypto-js's `hmacSha256(message, key)` is
// node's built-in crypto (both hash the UTF-8 message keyed with the UTF-8 secret), so no npm
// package is needed, and API_KEY/SECRET are set by `useKey` instead of being typed in.
'use strict';
const crypto = require('crypto');

const hmacSha256 = (message, key) => ({
  toString: () => crypto.createHmac('sha256', key).update(message, 'utf8').digest('hex'),
});

let API_KEY = '';
let SECRET = '';

function useKey(apiKey, secret) {
  API_KEY = apiKey;
  SECRET = secret;
}

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

module.exports = { useKey, serializePayload, getAuthHeaders };
