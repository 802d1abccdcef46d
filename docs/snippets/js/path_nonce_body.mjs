// Sign with the `path-nonce-body` scheme: HMAC-SHA256(secret, path + nonce + body).
import { createHmac } from "node:crypto";
import { API_KEY, API_SECRET, BASE_URL, checked, nextNonce } from "./auth_headers.mjs";

function signedHeaders(url, body = "") {
  const nonce = nextNonce();
  const path = new URL(url).pathname; // e.g. /api/gateway/wallet/create, without the query
  const signature = createHmac("sha256", API_SECRET)
    .update(path + nonce + body)
    .digest("hex");
  return { "X-API-Key": API_KEY, "X-Signature": signature, "X-Nonce": nonce };
}

// A POST with a JSON body: serialise once, sign that exact string, send that exact string.
const url = `${BASE_URL}/wallet/create`;
const body = JSON.stringify({ ticker: "BTC", network: "bitcoin" });
const wallet = await checked(
  await fetch(url, {
    method: "POST",
    headers: { ...signedHeaders(url, body), "Content-Type": "application/json" },
    body,
  }),
);
console.log("wallet", wallet.address);

// A GET: the body is empty and the query is not signed.
const listUrl = `${BASE_URL}/wallets`;
const page = await checked(await fetch(`${listUrl}?limit=10`, { headers: signedHeaders(listUrl) }));
console.log(page.count, "wallets");
