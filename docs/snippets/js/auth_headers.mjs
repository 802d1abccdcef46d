// Sign gateway requests the way the original JavaScript sample does (scheme `params`,
// JavaScript encoder), with Node's built-in crypto: no packages needed (Node 18 or later).
// Save as auth_headers.mjs next to the other samples.
import { createHmac } from "node:crypto";

export const BASE_URL = process.env.BITEXBIT_BASE_URL ?? "http://127.0.0.1:8765/api/gateway";
export const CONTROL_URL = process.env.BITEXBIT_CONTROL_URL ?? "http://127.0.0.1:8765/_emulator";
export const API_KEY = process.env.BITEXBIT_API_KEY ?? "demo-key";
export const API_SECRET = process.env.BITEXBIT_API_SECRET ?? "demo-secret";

// Sorted keys, `key=encodeURIComponent(value)`, joined by "&": the signed text, not a body.
export function serializePayload(payload) {
  return Object.keys(payload)
    .sort()
    .map((key) => key + "=" + encodeURIComponent(payload[key]))
    .join("&");
}

let lastNonce = 0;

// Milliseconds since the epoch, bumped so that it always increases in this process.
export function nextNonce() {
  lastNonce = Math.max(Date.now(), lastNonce + 1);
  return String(lastNonce);
}

// The three auth headers for a request whose query (GET) or form body (POST) is `payload`.
export function getAuthHeaders(payload = {}) {
  const signature = createHmac("sha256", API_SECRET)
    .update(API_KEY + serializePayload(payload))
    .digest("hex");
  return { "X-API-Key": API_KEY, "X-Signature": signature, "X-Nonce": nextNonce() };
}

// Throw with the gateway's error body when the answer is not a success.
export async function checked(response) {
  if (!response.ok) {
    throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  }
  return response.json();
}
